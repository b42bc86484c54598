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
check.done("igf")
