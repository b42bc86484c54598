-- The CWG-Internet pack (Council Res. 1336/1344): Member States only; comments from stakeholders.
local accord = require "accord"
local root = assert(arg[1], "usage: test_cwg_internet.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local roster_path = root .. "/examples/wtpf-2013/roster.yaml"

local pack = assert(accord.workflow_load(root .. "/workflows/cwg_internet.lua", { roster = roster_path }))
check.ok(pack:validate(), "the pack is valid")
local roster = assert(accord.roster_load(roster_path))

local allowed, reason = pack:may_propose("ISOC", { stage = "next_meeting" })
check.eq(allowed, false, "a Sector Member may not propose")
check.contains(reason, "comments", "stakeholders' inputs are comments")
check.eq((pack:may_object("RIPENCC")), false, "nor object")
check.eq((pack:may_propose("IRN", { stage = "next_meeting" })), true, "a Member State proposes at a meeting")
check.eq((pack:may_propose("IRN", { stage = "online_consultation" })), false, "but not in a consultation")
check.eq((pack:may_vote("USA")), false, "no vote")

local function members(position)
  local p = {}
  for _, party in ipairs(roster:parties("member_state")) do p[party.code] = position end
  return p
end

-- a stakeholder's objection is a comment: consensus of the Member States stands
local p = members("support")
p.ISOC = "object"
p.ICANN = "support"
local d = assert(pack:decide(p, { stage = "next_meeting" }))
check.eq(d.outcome, "agreed", "Member States agree; the stakeholder's view is a comment")
check.eq(d.tally.comments, 2, "two stakeholder comments set aside")
check.eq(d.tally.support, 21, "21 Member States")

-- Member States object: bracketed at a meeting, divergent views in the Chair's report
p = members("support")
p.IRN, p.CHN = "object", "object"
d = assert(pack:decide(p, { stage = "next_meeting" }))
check.eq(d.outcome, "bracketed", "no consensus yet")
d = assert(pack:decide(p, { stage = "chair_report" }))
check.eq(d.outcome, "rejected", "not agreed at the end")
check.eq(d.divergent, true, "recorded as divergent views")
check.contains(d.note, "Some Member States", "without naming states")
-- nothing in the result names the objectors
local function names_anyone(value)
  if type(value) == "string" then
    return value:find("IRN", 1, true) or value:find("CHN", 1, true) or value:find("Iran", 1, true)
  elseif type(value) == "table" then
    for k, v in pairs(value) do
      if names_anyone(k) or names_anyone(v) then return true end
    end
  end
  return false
end
check.eq(not not names_anyone(d), false, "the decision names no state")
p.CHN = "support"
d = assert(pack:decide(p, { stage = "chair_report" }))
check.contains(d.note, "A Member State", "one objector")
-- the anonymous bracket style drops names
check.eq(pack:bracket("attribution", { "IRN" }, "the role of governments"), "[the role of governments]",
  "attribution without names")
check.eq(pack:info().unagreed, "divergent", "unagreed text: divergent views")
check.done("cwg_internet")
