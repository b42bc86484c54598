-- The tally a rule pack's decision leaves in the session (lua/runtime/session_rules.c): the
-- pack's own strings (result, note) are escaped, so a result with quotes or a backslash is
-- recorded, not refused as "the decision rule's tally is not a JSON object".
local accord = require "accord"
local root = assert(arg[1], "usage: test_session_tally.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local dir = os.tmpname()
os.remove(dir)
local pack_path, roster_path, path = dir .. ".pack.lua", dir .. ".roster.yaml", dir .. ".tally.db"

local function write(file, text)
  local f = assert(io.open(file, "w"))
  f:write(text)
  f:close()
end
write(roster_path, "roles: {member: Member}\nparties:\n  - {code: AAA, name: Alpha, role: member}\n"
  .. "  - {code: BBB, name: Beta, role: member}\n")
write(pack_path, [[
return { api = 1, name = 'tally', body = 'B', cites = { 'c' }, roles = { member = 'M' },
  stages = { { id = 'one', name = 'One' } }, unagreed = 'drop',
  decision = { rule = 'r', description = 'd' },
  may_propose = function(party, ctx) return true end,
  may_object = function(party, ctx) return true end,
  may_vote = function(party, ctx) return true end,
  decide = function(positions, ctx)
    return { outcome = 'vote', result = 'no "quorum" \\ yet', note = 'a "note"\twith a tab',
      tally = { support = 1, object = 0, abstain = 0, reserve = 0, absent = 1, yes = 1, no = 0 } }
  end }
]])

local s = assert(accord.session_init(path, { workflow = pack_path,
  base = root .. "/examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt", roster = roster_path }))
local id = assert(s:propose("AAA", { paragraph = "p13", insert = "and others", after_text = "Sector Members" }))
assert(s:position("AAA", id, "support"))
local decided, message = s:decide({ amendment = id })
check.ok(decided ~= nil, "a result with quotes is recorded (" .. tostring(message) .. ")")
if decided then
  check.eq(decided[1].outcome, "vote", "a vote still to be taken")
  check.eq(decided[1].to, "bracketed", "stays bracketed")
  check.eq(decided[1].tally, '{"support":1,"object":0,"abstain":0,"reserve":0,"absent":1,"yes":1,"no":0,'
    .. '"result":"no \\"quorum\\" \\\\ yet","note":"a \\"note\\"\\twith a tab"}', "the tally, escaped")
  local log = assert(s:log())
  check.eq(log[#log].decisions[1].tally, decided[1].tally, "the log keeps the same tally")
end
check.eq(s:replay(), true, "the session replays")
s:close()
for _, f in ipairs { pack_path, roster_path, path, path .. "-wal", path .. "-shm" } do os.remove(f) end
check.done("session_tally")
