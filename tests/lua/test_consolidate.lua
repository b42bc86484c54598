-- The compilation from Lua: accord.consolidate on the seed contributions, every
-- format, a rule pack's convention, accepting one party, co-sponsors, misuse.
-- Run with `accord run` and with the stock lua5.4 interpreter.
local accord = require "accord"
local root = assert(arg[1], "usage: test_consolidate.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"

local base = assert(accord.parse_file(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt"))
local irn = assert(accord.parse_file(seeds .. "contrib-IRN.txt"))
local usa = assert(accord.parse_file(seeds .. "contrib-USA.txt"))

-- A list of {party, doc}; paths work as well as docs.
local c = assert(accord.consolidate{
  base = base,
  contributions = { { party = "IRN", doc = irn }, { party = "USA", doc = seeds .. "contrib-USA.txt" } },
  names = { IRN = "Islamic Republic of Iran" },
})
local text = assert(c:render())
check.contains(text, "[IRN, USA: OPINION (1) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE]", "co-sponsored title")
check.contains(text, "\tinvites [USA: Member States]\n", "heading change")
check.contains(text, "d bis)\t[IRN: The close collaboration", "a new paragraph after d)")
for _, f in ipairs { "md", "html", "json", "yaml" } do
  check.ok(#assert(c:render(f)) > 1000, "renders as " .. f)
end
check.contains(c:render("html"), "Islamic Republic of Iran", "names in the legend")
local parties = c:parties()
check.eq(#parties, 2, "two parties")
check.eq(parties[1].code, "IRN", "first party")
check.eq(parties[1].name, "Islamic Republic of Iran", "its name")
check.ok(parties[2].amendments > 10, "the USA's amendments are counted")

-- Accepting one party gives its text.
check.eq(assert(c:accept("USA")):render("text"), usa:render("text"), "accept USA")
check.eq(assert(c:accept("IRN")):render("text"), irn:render("text"), "accept IRN")
local none, msg = c:accept("XYZ")
check.eq(none, nil, "an unknown party")
check.contains(msg, "XYZ", "names the party")

-- A map of contributions, in order of party code; amendment lists too.
local c2 = assert(accord.consolidate{ base = base, contributions = { USA = usa, IRN = irn } })
check.eq(c2:parties()[1].code, "IRN", "map contributions go in code order")
local list = assert(accord.diff(base, usa, { party = "BRA" }))
local c3 = assert(accord.consolidate{ base = base, contributions = { USA = usa }, amendments = { list } })
check.contains(c3:render(), "[USA, BRA: OPINION (1)", "the same change from a list co-sponsors")

-- A rule pack's convention.
local pack = assert(accord.workflow_load(root .. "/workflows/wtpf.lua"))
check.contains(assert(c:render("text", { pack = pack })), "Option 1: [IRN", "the pack's alternatives")

-- Misuse raises; expected failures return nil, message, code.
check.ok(not pcall(accord.consolidate, {}), "no base raises")
check.ok(not pcall(c.render, c, "pdf"), "an unknown format raises")
local bad, why = accord.consolidate{ base = base, contributions = { { party = "A/B", doc = usa } } }
check.eq(bad, nil, "a bad party code")
check.ok(why ~= nil, "with a message")
c:close()
check.ok(not pcall(c.render, c), "a closed compilation raises")
check.done("consolidate")
