-- accord.brackets and accord.resolve_brackets (lua/module/bind_brackets.c): the state of a
-- bracketed text, clean texts, unbalanced brackets strict and lenient, misuse raised.
local accord = require "accord"
local root = assert(arg[1], "usage: test_brackets.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")

local d = assert(accord.parse_file(root .. "/tests/data/brackets/unfccc-draft.txt"))
local s = assert(accord.brackets(d))
check.eq(s.spans, 23, "spans")
check.eq(s.groups, 19, "groups")
check.eq(s.option_blocks, 2, "option blocks")
check.eq(s.max_depth, 2, "max depth")
check.eq(table.concat(s.parties, " "), "G-77 USA EU AOSIS", "parties")
check.eq(#s.unbalanced, 0, "balanced")
check.eq(s.paragraphs[1].id, "p1", "the first paragraph with brackets")

local function file(name)
  local f = assert(io.open(root .. "/tests/data/brackets/" .. name, "rb"))
  local text = f:read("a")
  f:close()
  return text
end
check.eq(assert(accord.resolve_brackets(d, "first")):render("text"), file("unfccc-draft.first.txt"), "first")
check.eq(assert(accord.resolve_brackets(d, "accept", { party = "USA" })):render("text"),
  file("unfccc-draft.accept-USA.txt"), "accept USA")

local bad = assert(accord.parse("Title\n\n\tnoting\na)\tthat [x\n"))
local none, message, code = accord.brackets(bad)
check.eq(none, nil, "unbalanced: nil")
check.eq(code, accord.EPARSE, "unbalanced: EPARSE")
check.contains(message, "opening bracket without its closing one", "unbalanced: the message")
local lenient = assert(accord.brackets(bad, { lenient = true }))
check.eq(lenient.unbalanced[1].kind, "unclosed", "lenient: the problem")
check.eq(#bad:warnings(), 1, "lenient: a warning on the doc")

check.eq(pcall(accord.resolve_brackets, d, "accept"), false, "accept without a party raises")
check.eq(pcall(accord.resolve_brackets, d, "most"), false, "an unknown take raises")
check.done("test_brackets")
