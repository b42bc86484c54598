-- The IGF pack (Tunis Agenda 72-80): equal footing, no negotiated outcome, divergent views recorded.
local accord = require "accord"
local root = assert(arg[1], "usage: test_igf.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local roster_path = root .. "/tests/data/workflows/igf-roster.yaml"

local pack = assert(accord.workflow_load(root .. "/workflows/igf.lua", { roster = roster_path }))
check.ok(pack:validate(), "the pack is valid")
local roster = assert(accord.roster_load(roster_path))

-- every stakeholder group proposes and objects alike; nobody votes
for _, party in ipairs(roster:parties()) do
  check.eq((pack:may_propose(party.code)), true, party.code .. " proposes")
  check.eq((pack:may_object(party.code)), true, party.code .. " objects")
  check.eq((pack:may_vote(party.code)), false, party.code .. " does not vote")
end

local function everyone(position)
  local p = {}
  for _, party in ipairs(roster:parties()) do p[party.code] = position end
  return p
end

local d = assert(pack:decide(everyone("support"), { stage = "messages" }))
check.eq(d.outcome, "agreed", "a message by consensus")

-- an unaddressed objection, no judgement by the chair: not a message, views recorded
local p = everyone("support")
p.APC = "object"
d = assert(pack:decide(p, { stage = "messages" }))
check.eq(d.outcome, "rejected", "an unaddressed objection")
check.eq(d.divergent, true, "the disagreement is recorded")
-- the chair judges rough consensus: a message, with the divergent view recorded
d = assert(pack:decide(p, { stage = "messages", chair = "rough consensus" }))
check.eq(d.outcome, "agreed", "rough consensus judged by the chair")
check.eq(d.divergent_views, 1, "one divergent view recorded")
-- objections addressed (not accommodated): rough consensus without the chair's word
p.APC = { position = "object", addressed = true }
p.GSMA = { position = "object", addressed = true }
d = assert(pack:decide(p, { stage = "messages" }))
check.eq(d.outcome, "agreed", "addressed objections: rough consensus (RFC 7282)")
check.eq(d.tally.object, 2, "the two objections are counted")
-- 100 for, 5 against is not a headcount: the chair may still find no consensus
d = assert(pack:decide(p, { stage = "messages", chair = "no consensus" }))
check.eq(d.outcome, "rejected", "the chair's judgement decides")

-- never brackets, never a vote, whatever the positions
local positions = { "support", "object", "abstain", "reserve", "absent" }
local codes = {}
for _, party in ipairs(roster:parties()) do codes[#codes + 1] = party.code end
for seed = 1, 200 do
  local q = {}
  for i, code in ipairs(codes) do q[code] = positions[(seed * 7 + i * i * 3) % 5 + 1] end
  d = assert(pack:decide(q, { stage = "messages" }))
  check.ok(d.outcome == "agreed" or d.outcome == "rejected", "outcome without brackets or votes")
end
-- all groups weigh the same: the tally by group
d = assert(pack:decide(everyone("support")))
check.eq(d.tally.by_group.government.support, 3, "three governments")
check.eq(d.tally.by_group.civil_society.support, 2, "two civil society")
-- views are recorded, not bracketed
check.eq(pack:bracket("insertion", "a free and open Internet", { "APC" }), "a free and open Internet", "no brackets")
check.eq(pack:info().unagreed, "divergent", "unagreed: divergent views")

-- A session: civil society and the private sector propose like governments; at the
-- messages stage a proposal without objection is agreed and one with an unaddressed
-- objection is rejected (never bracketed); Rev.1's text.
local base_path = root .. "/examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt"
local path = os.tmpname()
os.remove(path)
path = path .. ".igf.db"
local s = assert(accord.session_init(path, { workflow = root .. "/workflows/igf.lua", base = base_path,
  roster = roster_path }))
check.eq(s:stage(), "taking_stock", "the first stage")
check.eq(s:stage(true), "themes", "the themes are set")
local p7 = "that there are many existing initiatives to address various aspects of Internet-related public policy "
  .. "but that they are limited in scope and do not involve the entire community of nations;"
local p7_apc = p7:gsub("many existing initiatives", "many existing multi-stakeholder initiatives", 1)
local p7_icc = p7:gsub("but that they are limited in scope and ", "", 1)
check.eq(assert(s:propose_text("APC", "p7", p7_apc)), "APC/1", "civil society proposes")
check.eq(assert(s:propose_text("ICC", "p7", p7_icc)), "ICC/1", "the private sector proposes")
check.eq(s:stage("annual_meeting"), "annual_meeting", "the annual meeting")
for _, code in ipairs({ "BRA", "USA", "ISOC", "UNESCO" }) do
  check.eq(s:position(code, "APC/1", "support"), true, code .. " supports APC/1")
end
check.eq(s:position("ICC", "ICC/1", "support"), true, "ICC supports its own")
check.eq(s:position("APC", "ICC/1", "object"), true, "APC objects to ICC/1")
local refused, why = s:decide()
check.eq(refused, nil, "no decision at the annual meeting")
check.contains(why, "does not take decisions", "the stage's reason")
check.eq(s:stage("messages"), "messages", "the messages")
local decided = assert(s:decide())
check.eq(#decided, 2, "two decisions")
check.eq(decided[1].amendment .. " " .. decided[1].from .. " -> " .. decided[1].to, "APC/1 proposed -> agreed",
  "APC/1 agreed by consensus")
check.contains(decided[1].tally, '"support":4,"object":0', "its tally")
check.eq(decided[2].amendment .. " " .. decided[2].from .. " -> " .. decided[2].to, "ICC/1 proposed -> rejected",
  "ICC/1 not a message")
check.contains(decided[2].tally, "the views are recorded as divergent", "the note")
local base_text = s:text(0)
check.eq(s:revise(), 1, "Rev.1")
local expected, n = base_text:gsub(p7:gsub("%p", "%%%0"), p7_apc, 1)
check.eq(n, 1, "noting a) is in the base")
check.eq(s:text(1), expected, "Rev.1 is the base with APC/1")
check.eq(s:replay(), true, "the tables match the log")
s:close()
os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("igf")
