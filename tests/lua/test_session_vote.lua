-- Recorded votes and the chair's ruling from Lua (lua/module/bind_session.c): s:vote,
-- s:roll_call, s:decide{ruling=, important=}, and the log records of a vote. Uses the
-- UN GA pack (rules 83, 85, 86) over the WTPF base and the 40-member test roster.
local accord = require "accord"
local root = assert(arg[1], "usage: test_session_vote.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local base_path = root .. "/examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt"
local roster_path = root .. "/tests/data/workflows/un-roster.yaml"
local path = os.tmpname()
os.remove(path)
path = path .. ".vote.db"

local roster = assert(accord.roster_load(roster_path))
local members = roster:parties("member_state")

local s = assert(accord.session_init(path, { workflow = root .. "/workflows/un_ga.lua", base = base_path,
  roster = roster_path }))
assert(s:stage("first_reading"))
for n = 1, 3 do
  check.eq(s:propose("BRA", { paragraph = "p" .. (9 + n), insert = "(BRA " .. n .. ")" }), "BRA/" .. n, "BRA/" .. n .. " tabled")
end

-- the first reading takes no votes
local ok, msg, code = s:vote("USA", "BRA/1", "yes")
check.eq(ok, nil, "no vote at the first reading")
check.contains(msg, "does not take votes", "the stage's words")
check.eq(code, accord.EREFUSED, "refused")
assert(s:stage("adoption"))

-- an observer may not vote, alone or in a roll call; nothing is written
local before = #assert(s:events())
ok, msg, code = s:vote("VAT", "BRA/1", "yes")
check.eq(code, accord.EREFUSED, "an observer's vote is refused")
check.contains(msg, "only Member States vote", "the pack's words")
ok, msg, code = s:roll_call("BRA/1", { USA = "yes", VAT = "no" })
check.eq(code, accord.EREFUSED, "a roll call with an observer is refused")
check.eq(#assert(s:events()), before, "refusals write nothing")
check.ok(not pcall(s.vote, s, "USA", "BRA/1", "maybe"), "a vote that is not yes, no or abstain raises")
check.ok(not pcall(s.roll_call, s, "BRA/1", { USA = "maybe" }), "so does a roll call with one")

-- calls YES NO ABSTAIN: the roll call table
local function calls(yes, no, abstain)
  local t, i = {}, 0
  for _ = 1, yes do i = i + 1; t[members[i].code] = "yes" end
  for _ = 1, no do i = i + 1; t[members[i].code] = "no" end
  for _ = 1, abstain do i = i + 1; t[members[i].code] = "abstain" end
  return t
end

-- 10 yes, 6 no: a simple majority adopts; as an important question it fails (10/16 < 2/3)
assert(s:roll_call("BRA/1", calls(10, 6, 5)))
assert(s:roll_call("BRA/2", calls(10, 6, 5), { important = true }))
assert(s:vote("USA", "BRA/3", "no"))
local d = assert(s:decide({ amendment = "BRA/1" }))
check.eq(d[1].to, "agreed", "10/6, ordinary: adopted")
check.contains(d[1].tally, '"result":"adopted"', "the result in the tally")
d = assert(s:decide({ amendment = "BRA/2" }))
check.eq(d[1].to, "rejected", "10/6, important: rejected")
check.contains(d[1].tally, "two-thirds majority: 11 needed", "the two-thirds rule")

-- the chair's ruling at adoption (the stage allows "rule")
d = assert(s:decide({ amendment = "BRA/3", ruling = "bracketed" }))
check.eq(d[1].to, "bracketed", "the chair rules it bracketed")
check.eq(d[1].rule, "chair's ruling", "recorded as the chair's ruling")
check.ok(not pcall(s.decide, s, { amendment = "BRA/3", ruling = "rejected" }), "a ruling is agreed or bracketed")

-- the log as records
local votes, important = 0, nil
for _, r in ipairs(assert(s:log())) do
  if r.action == "vote" then
    votes = votes + 1
    if r.amendment == "BRA/2" then important = r.important; check.eq(#r.voters, 21, "21 voters") end
    if r.party == "USA" then check.same(r.votes, { "no" }, "USA's vote") end
  end
end
check.eq(votes, 3, "three vote events")
check.eq(important, true, "BRA/2 marked important")
assert(s:replay())
s:close()
os.remove(path)
check.done("session_vote")
