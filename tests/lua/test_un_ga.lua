-- The UN General Assembly pack with real tallies (rules 83, 85, 86, 95, 67).
local accord = require "accord"
local root = assert(arg[1], "usage: test_un_ga.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local roster_path = root .. "/tests/data/workflows/un-roster.yaml"

local pack = assert(accord.workflow_load(root .. "/workflows/un_ga.lua", { roster = roster_path }))
check.ok(pack:validate(), "the pack is valid")
local roster = assert(accord.roster_load(roster_path))
local members = roster:parties("member_state")
check.eq(#members, 40, "40 member states in the test roster")

-- yes, no, abstain counts over the members in roster order; the rest absent.
local function positions(yes, no, abstain)
  local p, i = {}, 0
  for _ = 1, yes do i = i + 1; p[members[i].code] = "support" end
  for _ = 1, no do i = i + 1; p[members[i].code] = "object" end
  for _ = 1, abstain do i = i + 1; p[members[i].code] = "abstain" end
  while i < #members do i = i + 1; p[members[i].code] = "absent" end
  return p
end

-- 10 yes, 5 no, 20 abstentions: adopted by a simple majority (abstentions not counted)
local d = assert(pack:decide(positions(10, 5, 20)))
check.eq(d.outcome, "vote", "10/5/20: no consensus, so a vote")
check.eq(d.result, "adopted", "10/5/20: adopted")
check.eq(d.yes, 10, "10 yes")
check.eq(d.no, 5, "5 no")
check.eq(d.tally.abstain, 20, "20 abstentions")
check.eq(d.majority, "simple", "simple majority")
check.eq(d.required, 8, "8 of 15 present and voting needed")

-- the same as an important question: 10/5 is exactly two-thirds
d = assert(pack:decide(positions(10, 5, 20), { important = true }))
check.eq(d.result, "adopted", "important 10/5: two-thirds reached")
-- important question 10 yes, 6 no: 10/16 < 2/3, rejected
d = assert(pack:decide(positions(10, 6, 20), { important = true }))
check.eq(d.result, "rejected", "important 10/6: rejected")
check.eq(d.majority, "two-thirds", "two-thirds majority")
check.eq(d.required, 11, "11 of 16 needed")
-- 10/6 as an ordinary question passes
d = assert(pack:decide(positions(10, 6, 20)))
check.eq(d.result, "adopted", "ordinary 10/6: adopted")
-- a tie rejects (rule 95)
d = assert(pack:decide(positions(9, 9, 10)))
check.eq(d.result, "rejected", "a tie rejects")
check.contains(d.note, "tie", "the note says why")
-- abstentions only: nobody present and voting, rejected
d = assert(pack:decide(positions(0, 1, 30)))
check.eq(d.result, "rejected", "0 yes, 1 no")
-- quorum: 5 yes 2 no with 33 absent out of 40 members
d = assert(pack:decide(positions(5, 2, 0)))
check.eq(d.result, "no quorum", "7 of 40 present: no quorum (rule 67)")

-- consensus first: no objection means adoption without a vote
d = assert(pack:decide(positions(30, 0, 5)))
check.eq(d.outcome, "agreed", "no objection: adopted without a vote")
local p = positions(30, 0, 0)
p[members[31].code] = "reserve"
d = assert(pack:decide(p))
check.eq(d.outcome, "agreed", "a reservation joins the consensus")
check.contains(d.note, "reservation", "the reservation is on the record")
-- observers neither object nor vote
p = positions(30, 0, 0)
p.VAT = "object"
d = assert(pack:decide(p))
check.eq(d.outcome, "agreed", "an observer's objection does not count")
check.eq(d.tally.ignored, 1, "the observer's position is set aside")

local allowed, reason = pack:may_vote("VAT")
check.eq(allowed, false, "an observer may not vote")
check.contains(reason, "Member States", "the reason")
check.eq((pack:may_vote("USA")), true, "a member votes")
check.eq((pack:may_propose("PSE")), false, "an observer may not propose")
check.eq((pack:may_propose("BRA")), true, "a member proposes")
local none, msg, code = pack:may_propose("XXX")
check.eq(none, nil, "an unknown party")
check.eq(code, accord.ENOTFOUND, "ENOTFOUND")
check.contains(msg, "XXX", "the message names the code")

-- bad positions are the caller's error, reported by the pack
none, msg, code = pack:decide({ USA = "maybe" })
check.eq(code, accord.ESCRIPT, "an unknown position is a script error")
check.contains(msg, "maybe", "the message names it")

-- the bracket convention
check.eq(pack:bracket("attribution", { "USA", "BRA" }, "all stakeholders"), "[USA, BRA: all stakeholders]", "attribution")
check.eq(pack:bracket("new_label", "4", 1), "4bis", "4bis")
check.eq(pack:bracket("new_label", "4", 2), "4ter", "4ter")
check.eq(pack:bracket("alternatives", { { text = "a", by = { "USA" } }, "b" }), "Alt 1: [USA: a]\nAlt 2: [b]", "alternatives")
check.eq(pack:bracket("ad_ref", "text."), "text. (agreed ad ref)", "ad ref")
check.eq(pack:info().unagreed, "bracket", "unagreed text stays bracketed")
check.done("un_ga")
