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
-- a session from a bracketed text (accord.session_init{brackets = true}): the questions tabled,
-- decided, and the revision with fewer brackets, as tests/cli/session_brackets.sh does
local path = os.tmpname()
os.remove(path)
local session = assert(accord.session_init(path, { workflow = "wtpf", base = root .. "/tests/data/brackets/session/draft.txt",
  roster = root .. "/examples/wtpf-2013/roster.yaml", brackets = true }))
local tabled = session:amendments()
check.eq(#tabled, 12, "twelve alternatives tabled")
check.eq(tabled[7].id, "USA/1", "[USA: ...] is USA's")
check.eq(session:stage("plenary"), "plenary", "to the plenary")
for _, id in ipairs({ "CHAIR/2", "CHAIR/4", "USA/1", "CHAIR/9" }) do
  check.eq(session:decide({ amendment = id })[1].to, "agreed", id .. " agreed")
end
for _, id in ipairs({ "CHAIR/3", "CHAIR/6", "IRN/1" }) do
  assert(session:position("IRN", id, "object"))
  check.eq(session:decide({ amendment = id })[1].to, "rejected", id .. " rejected")
end
check.eq(session:revise(), 1, "Rev.1")
check.eq(session:text(), file("session/rev1.txt"), "Rev.1 with fewer brackets")
session:close()
os.remove(path)
local unbalanced = os.tmpname()
local f = assert(io.open(unbalanced, "wb"))
f:write("# Draft\n\nThe Parties [shall report.\n")
f:close()
local none, message, code = accord.session_init(path, { workflow = "wtpf", base = unbalanced, brackets = true })
check.eq(none, nil, "unbalanced: no session")
check.eq(code, accord.EPARSE, "unbalanced: EPARSE")
check.contains(message, "opening bracket without its closing one", "unbalanced: the message")
check.eq(io.open(path, "rb"), nil, "unbalanced: no session file")
assert(accord.session_init(path, { workflow = "wtpf", base = unbalanced, brackets = true, lenient = true })):close()
os.remove(path)
os.remove(unbalanced)
check.done("test_brackets")
