-- Amendments from Lua: accord.diff, the list, JSON round trip, apply (all and
-- some). Run with `accord run` and with the stock lua5.4 interpreter.
local accord = require "accord"
local root = assert(arg[1], "usage: test_amend.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"

local base = assert(accord.parse_file(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt"))
local usa = assert(accord.parse_file(seeds .. "contrib-USA.txt"))
local irn = assert(accord.parse_file(seeds .. "contrib-IRN.txt"))

-- No difference, no amendment.
check.eq(#assert(accord.diff(base, base)), 0, "a text against itself")

-- The USA's amendments: ids, ops, the new noting a) as an ADD, the heading change.
local list = assert(accord.diff(base, usa, { party = "USA" }))
check.ok(#list > 10, "the USA proposes many changes")
check.eq(list:party(), "USA", "party")
local ops, new_noting_a, heading = {}, nil, nil
for i = 1, #list do
  local a = list[i]
  check.eq(a.id, "USA/" .. i, "ids follow the reading order")
  check.eq(a.proposers[1], "USA", "proposer")
  ops[a.op] = (ops[a.op] or 0) + 1
  if a.op == "ADD" and a.text:find("^that there have been seven successful") then new_noting_a = a end
  if a.op == "HEADING" then heading = a end
end
check.ok(new_noting_a ~= nil and new_noting_a.label == "a)", "the new noting a) is an ADD")
check.eq(heading and heading.heading, "invites Member States", "the heading change")
check.eq(list[heading.id].op, "HEADING", "lookup by id")
check.ok(ops.MOD and ops.MOD > 3, "MODs")

-- Applying all of them gives the USA text; JSON read back gives the same list.
local copy = base:clone()
assert(list:apply(copy))
check.eq(copy:render("text"), usa:render("text"), "apply(diff) is the contribution")
local reread = assert(accord.amendments(list:json(), "usa.json"))
check.eq(#reread, #list, "JSON round trip keeps every amendment")
check.eq(reread:json(), list:json(), "JSON round trip is stable")
check.ok(list:yaml():find('accord: "amendments/1"', 1, true), "YAML")
check.ok(list:text(base):find("{+invites Member States+}", 1, true), "text view")

-- Only the heading: the rest of the text stays the base's.
local only = base:clone()
assert(list:apply(only, { only = { heading.id } }))
check.ok(only:render("text"):find("\tinvites Member States\n", 1, true), "heading applied")
check.ok(only:render("text"):find("recognizing\na)\tthat, per article 37", 1, true), "nothing else applied")

-- Two delegations, one after the other, on disjoint paragraphs.
local irn_list = assert(accord.diff(base, irn, { party = "IRN" }))
check.ok(#irn_list > 5, "Iran proposes changes")

-- Expected failures return nil, message, code; misuse raises.
local none, msg, code = accord.amendments("{}", "x.json")
check.eq(none, nil, "bad JSON gives nil")
check.ok(msg:find("^x.json:1:1: "), "message has the position")
check.eq(code, accord.ESCHEMA, "code")
local bad = assert(accord.amendments('{"accord": "amendments/1", "amendments": [{"id": "X/1", "op": "SUP", "target": "p99"}]}'))
local ok, why, why_code = bad:apply(base:clone())
check.eq(ok, nil, "unknown target")
check.ok(why:find("p99", 1, true), "names the target")
check.eq(why_code, accord.ENOTFOUND, "not found")
check.ok(not pcall(accord.diff, base, "not a doc"), "misuse raises")
list:close()
check.ok(not pcall(function() return #list end), "a closed list raises")
check.ok(tostring(list):find("closed"), "tostring of a closed list")

check.done("amend")
