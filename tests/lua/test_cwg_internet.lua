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

-- A session under the pack: an objection brackets a proposal, lifted it is agreed
-- (bracketed -> agreed), a reservation makes it agreed ad referendum, and no decision is
-- taken in a consultation. Each decision is checked by its states and tally, and Rev.1 by
-- its text.
local seeds = root .. "/examples/wtpf-2013/"
local path = os.tmpname()
os.remove(path)
path = path .. ".cwg.db"
local s = assert(accord.session_init(path, {
  workflow = root .. "/workflows/cwg_internet.lua",
  base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = roster_path,
}))
check.eq(s:stage(), "meeting", "the session starts at the meeting")
local p13 = "Member States and Sector Members to support and contribute to the work, first of the "
  .. "Secretary-General and his collaborators, then of the intergovernmental organization responsible for "
  .. "operation of enhanced cooperation."
local p13_new = p13:gsub("Sector Members", "Sector Members and developing countries", 1)
local p11 = "to support the multi-stakeholder model via the immediate operationalization of the enhanced "
  .. "cooperation process to allow governments to perform their role in international public policy related "
  .. "to the Internet, in consultation with all stakeholders;"
local p11_new = p11:gsub("immediate", "timely", 1)
check.eq(assert(s:propose_text("BRA", "p13", p13_new)), "BRA/1", "BRA/1")
check.eq(assert(s:propose_text("USA", "p11", p11_new)), "USA/1", "USA/1")
local none, why, code = s:propose_text("ISOC", "p13", p13_new)
check.eq(none, nil, "a Sector Member does not propose")
check.contains(why, "only Member States propose", "the pack's reason")
check.eq(code, accord.EREFUSED, "EREFUSED")

local function decide_one(id, from, to, what)
  local d = assert(s:decide({ amendment = id }))
  check.eq(#d, 1, what .. ": one decision")
  check.eq(d[1].amendment, id, what .. ": the amendment")
  check.eq(d[1].from, from, what .. ": from " .. from)
  check.eq(d[1].to, to, what .. ": to " .. to)
  return d[1]
end
check.eq(s:position("IRN", "BRA/1", "object"), true, "IRN objects")
local d1 = decide_one("BRA/1", "proposed", "bracketed", "an objection")
check.contains(d1.tally, '"object":1', "the objection in the tally")
check.contains(d1.tally, "no consensus among the Member States present yet", "the note")
decide_one("BRA/1", "bracketed", "bracketed", "the objection stands")
check.eq(s:position("IRN", "BRA/1", "support"), true, "IRN lifts its objection")
local d2 = decide_one("BRA/1", "bracketed", "agreed", "the objection lifted")
check.contains(d2.tally, '"support":1,"object":0', "the tally")
check.eq(s:position("USA", "USA/1", "support"), true, "USA supports")
check.eq(s:position("GBR", "USA/1", "reserve"), true, "GBR reserves")
decide_one("USA/1", "proposed", "agreed_ad_ref", "a reservation")
-- stakeholders take no position; no decision in a consultation
local no, no_why, no_code = s:position("ISOC", "USA/1", "object")
check.eq(no, nil, "a stakeholder's position is refused")
check.contains(no_why, "only Member States take decisions", "the reason")
check.eq(no_code, accord.EREFUSED, "EREFUSED")
check.eq(s:stage("online_consultation"), "online_consultation", "to the consultation")
local refused, stage_why, stage_code = s:decide({ amendment = "USA/1" })
check.eq(refused, nil, "no decision in a consultation")
check.contains(stage_why, "the online_consultation stage", "the stage's reason")
check.eq(stage_code, accord.EREFUSED, "EREFUSED")
check.eq(s:stage("next_meeting"), "next_meeting", "to the next meeting")
check.eq(s:position("GBR", "USA/1", "support"), true, "GBR lifts its reservation")
decide_one("USA/1", "agreed_ad_ref", "agreed", "the reservation lifted")
-- Rev.1: the base with both changes
local base_text = s:text(0)
check.eq(s:revise(), 1, "Rev.1")
local expected = base_text:gsub(p13:gsub("%p", "%%%0"), (p13_new:gsub("%%", "%%%%")), 1)
expected = expected:gsub(p11:gsub("%p", "%%%0"), (p11_new:gsub("%%", "%%%%")), 1)
check.ok(expected ~= base_text, "the expected Rev.1 differs from the base")
check.eq(s:text(1), expected, "Rev.1 is the base with BRA/1 and USA/1")
check.eq(s:replay(), true, "the tables match the log")
s:close()
os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("cwg_internet")
