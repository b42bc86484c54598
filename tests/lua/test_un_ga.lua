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

-- Votes in a session: without a quorum the vote is still to be taken (bracketed); adopted
-- by a majority (bracketed -> agreed); rejected (proposed -> rejected); Rev.1's text.
local base_path = root .. "/examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt"
local path = os.tmpname()
os.remove(path)
path = path .. ".un_ga.db"
local s = assert(accord.session_init(path, { workflow = root .. "/workflows/un_ga.lua", base = base_path,
  roster = roster_path }))
check.eq(s:stage(), "zero_draft", "the first stage")
check.eq(s:stage("first_reading"), "first_reading", "the first reading")
local p9 = "that these attempts by the UN family, such as CWG-Internet, are neither mandated nor structured to "
  .. "effectively address the overriding issues of the Internet, to develop and promulgate related public policy "
  .. "and cooperation agreements in consultation with all stakeholders in their respective roles, and to "
  .. "coordinate the relevant activities of existing initiatives;"
local p9_new = p9:gsub("neither mandated", "neither clearly mandated", 1)
check.eq(assert(s:propose_text("BRA", "p9", p9_new)), "BRA/1", "BRA/1")
check.eq(assert(s:propose_text("BRA", "p9", (p9:gsub("structured", "properly structured", 1)))), "BRA/2", "BRA/2")
check.eq(s:stage("second_reading"), "second_reading", "the second reading")

-- the first YES members support, the next NO object, the next ABSTAIN abstain
local function vote(id, yes, no, abstain)
  for i, party in ipairs(members) do
    local position = i <= yes and "support" or i <= yes + no and "object" or i <= yes + no + abstain and "abstain"
    if position then check.eq(s:position(party.code, id, position), true, party.code .. " on " .. id) end
  end
end
local function decide_one(id, from, to, what)
  local d = assert(s:decide({ amendment = id }))
  check.eq(#d, 1, what .. ": one decision")
  check.eq(d[1].from, from, what .. ": from " .. from)
  check.eq(d[1].to, to, what .. ": to " .. to)
  return d[1].tally
end
vote("BRA/1", 5, 2, 0)
local tally = decide_one("BRA/1", "proposed", "bracketed", "7 of 40 present")
check.contains(tally, '"yes":5,"no":2,"result":"no quorum"', "no quorum (rule 67)")
vote("BRA/1", 15, 7, 3)
tally = decide_one("BRA/1", "bracketed", "agreed", "15 yes, 7 no")
check.contains(tally, '"support":15,"object":7,"abstain":3,"reserve":0,"absent":15,"yes":15,"no":7,"result":"adopted"',
  "adopted by a simple majority")
vote("BRA/2", 8, 14, 0)
tally = decide_one("BRA/2", "proposed", "rejected", "8 yes, 14 no")
check.contains(tally, '"yes":8,"no":14,"result":"rejected"', "rejected")
local base_text = s:text(0)
check.eq(s:revise(), 1, "Rev.1")
local expected, n = base_text:gsub(p9:gsub("%p", "%%%0"), p9_new, 1)
check.eq(n, 1, "the paragraph is in the base")
check.eq(s:text(1), expected, "Rev.1 is the base with BRA/1")
check.eq(s:replay(), true, "the tables match the log")
s:close()
os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("un_ga")
