-- accord.consolidate's arguments (lua/bind_consolidate.c): contributions as a list, a map or
-- absent; amendments as one list or a list of them; names; every misuse raised in its words.
local accord = require "accord"
local root = assert(arg[1], "usage: test_bind_consolidate.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"

local base = assert(accord.parse_file(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt"))
local usa = assert(accord.parse_file(seeds .. "contrib-USA.txt"))
local irn = assert(accord.parse_file(seeds .. "contrib-IRN.txt"))
local usa_list = assert(accord.diff(base, usa, { party = "USA" }))
local irn_list = assert(accord.diff(base, irn, { party = "IRN" }))

-- Raises with `message` (the "bad argument" position and any "file:line: " left out).
local function raises(message, what, f, ...)
  local ok, err = pcall(f, ...)
  check.eq(ok, false, what .. " raises")
  if type(err) == "string" then err = err:gsub("^[^:]*:%d+: ", "") end
  check.eq(err, message, what .. ": the message")
end

local function summary(c)
  local out = {}
  for _, p in ipairs(c:parties()) do out[#out + 1] = p.code .. ":" .. p.amendments end
  return table.concat(out, " ")
end

-- the same compilation four ways
local from_list = assert(accord.consolidate{ base = base, contributions = { { party = "IRN", doc = irn },
  { party = "USA", doc = usa } } })
check.eq(summary(from_list), "IRN:" .. #irn_list .. " USA:" .. #usa_list, "contributions as a list")
local from_map = assert(accord.consolidate{ base = base, contributions = { USA = usa, IRN = irn } })
check.eq(summary(from_map), summary(from_list), "contributions as a map, in code order")
local from_lists = assert(accord.consolidate{ base = base, amendments = { irn_list, usa_list } })
check.eq(summary(from_lists), summary(from_list), "amendments as a list of lists")
check.eq(from_lists:render("text"), from_list:render("text"), "the same text")
local from_paths = assert(accord.consolidate{ base = base, contributions = { IRN = seeds .. "contrib-IRN.txt" },
  amendments = usa_list })
check.eq(summary(from_paths), summary(from_list), "a path and one amendment list")
local alone = assert(accord.consolidate{ base = base })
check.eq(summary(alone), "", "no contributions, no amendments")
check.eq(#alone:parties(), 0, "no parties")
local empty = assert(accord.consolidate{ base = base, contributions = {}, amendments = {} })
check.eq(#empty:parties(), 0, "empty tables")

-- every field of a party
local named = assert(accord.consolidate{ base = base, amendments = { usa_list }, names = { USA = "United States" } })
local p = named:parties()[1]
check.eq(p.code, "USA", "code")
check.eq(p.name, "United States", "the name given")
check.eq(type(p.color), "string", "a colour")
check.eq(p.amendments, #usa_list, "amendments")
check.eq(#named:parties(), 1, "one party")

-- misuse
raises("bad argument #1 to 'accord.consolidate' (table expected, got string)", "no table", accord.consolidate, "x")
raises("contributions: a table expected", "contributions not a table", accord.consolidate,
  { base = base, contributions = 5 })
raises("contributions[2]: {party = ..., doc = ...} expected", "an entry not a table", accord.consolidate,
  { base = base, contributions = { { party = "USA", doc = usa }, "IRN" } })
raises("contributions[1]: no party", "an entry without a party", accord.consolidate,
  { base = base, contributions = { { doc = usa } } })
raises("contributions: party codes are strings", "a map with a number key", accord.consolidate,
  { base = base, contributions = { USA = usa, [true] = irn } })
raises("contribution of USA: a doc or a file name expected", "a contribution that is neither", accord.consolidate,
  { base = base, contributions = { USA = 5 } })
raises("amendments: an amendment list or a list of them expected", "amendments not a list", accord.consolidate,
  { base = base, amendments = "USA" })
local none, msg, code = accord.consolidate{ base = base, contributions = { USA = seeds .. "no-such-file.txt" } }
check.eq(none, nil, "a file that is not there")
check.contains(msg, "no-such-file.txt", "names it")
check.eq(code, accord.EIO, "EIO")
raises("bad argument #2 to '?' (unknown format 'pdf' (text, md, html, json, yaml, docx))", "an unknown format",
  from_list.render, from_list, "pdf")
check.done("bind_consolidate")
