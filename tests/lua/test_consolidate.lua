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
check.contains(text, "d bis)\t[Label (IRN): )] [IRN: The close collaboration", "a new paragraph after d), with its proposer's label")
check.contains(c:render("html"), '<li class="c0" title="' .. seeds .. 'contrib-IRN.txt"><span class="sw"></span><b>IRN</b> '
  .. '<span class="n">Islamic Republic of Iran</span>', "names in the legend")
check.contains(c:render("md"), "Parties: **IRN** (Islamic Republic of Iran); **USA**", "names in the Markdown")
local parties = c:parties()
check.eq(#parties, 2, "two parties")
check.eq(parties[1].code, "IRN", "first party")
check.eq(parties[1].name, "Islamic Republic of Iran", "its name")
check.eq(parties[2].amendments, 22, "the USA's amendments are counted")

-- Accepting one party gives its text.
check.eq(assert(c:accept("USA")):render("text"), usa:render("text"), "accept USA")
check.eq(assert(c:accept("IRN")):render("text"), irn:render("text"), "accept IRN")
local none, msg = c:accept("XYZ")
check.eq(none, nil, "an unknown party")
check.eq(msg, "no party XYZ in the compilation", "names the party")

-- A map of contributions, in order of party code; amendment lists too.
local c2 = assert(accord.consolidate{ base = base, contributions = { USA = usa, IRN = irn } })
check.eq(c2:parties()[1].code, "IRN", "map contributions go in code order")

-- From Lua, every format is the C library's, byte for byte: the golden files (without the
-- folder of the seeds, which the goldens leave out).
local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local function plain_pattern(s) return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")) end
for _, f in ipairs { { "text", "txt" }, { "md", "md" }, { "html", "html" }, { "json", "json" }, { "yaml", "yaml" } } do
  local got = assert(c2:render(f[1])):gsub(plain_pattern(seeds), "")
  check.eq(got, read(root .. "/tests/data/consolidate/wtpf-irn-usa." .. f[2]), "renders as " .. f[1] .. ", as the golden file")
end
local list = assert(accord.diff(base, usa, { party = "BRA" }))
local c3 = assert(accord.consolidate{ base = base, contributions = { USA = usa }, amendments = { list } })
check.contains(c3:render(), "[USA, BRA: OPINION (1)", "the same change from a list co-sponsors")

-- A rule pack's convention.
local pack = assert(accord.workflow_load(root .. "/workflows/wtpf.lua"))
check.contains(assert(c:render("text", { pack = pack })), "Option 1: [MOD IRN/1 (IRN): ", "the pack's alternatives, marked and numbered")

-- Every bundled pack's convention, on hand-written texts: the marks of a deleted paragraph
-- (alone, and with another party's amendment), a moved paragraph (under c), after its own
-- b)), and a deleted, a moved and a new section.
local hand = table.concat({
  "The Forum,",
  "\trecognizing",
  "a)\tthat the Internet is a global resource for all;",
  "b)\tthat all stakeholders have roles to play in it;",
  "c)\tthat cooperation between governments is needed:",
  "a)\tat the national level of each country;",
  "b)\tat the regional level of each region;",
  "\tnoting",
  "a)\tthat many initiatives exist in the world today;",
  "b)\tthat the forum met in Geneva last year;",
  "\tinvites",
  "a)\tMember States to contribute to the work;",
  "" }, "\n")
local function edit(from, to)
  local i, j = hand:find(from, 1, true)
  assert(i and not hand:find(from, j + 1, true), from)
  return hand:sub(1, i - 1) .. to .. hand:sub(j + 1)
end
local texts = {
  -- XXA deletes noting b); YYB amends it; ZZC moves invites before noting, adds a section
  XXA = edit("b)\tthat the forum met in Geneva last year;\n", ""),
  YYB = edit("met in Geneva", "met in Paris"),
  ZZC = edit("\tnoting\na)\tthat many initiatives exist in the world today;\nb)\tthat the forum met in Geneva last year;\n"
    .. "\tinvites\na)\tMember States to contribute to the work;\n",
    "\tinvites\na)\tMember States to contribute to the work;\n"
    .. "\tnoting\na)\tthat many initiatives exist in the world today;\nb)\tthat the forum met in Geneva last year;\n"
    .. "\tresolves\na)\tto meet again next year;\n"),
  -- WWD moves recognizing b) under c), after its b), and deletes noting
  WWD = edit("b)\tthat all stakeholders have roles to play in it;\nc)\tthat cooperation between governments is needed:\n"
    .. "a)\tat the national level of each country;\nb)\tat the regional level of each region;\n"
    .. "\tnoting\na)\tthat many initiatives exist in the world today;\nb)\tthat the forum met in Geneva last year;\n",
    "c)\tthat cooperation between governments is needed:\na)\tat the national level of each country;\n"
    .. "b)\tat the regional level of each region;\nthat all stakeholders have roles to play in it;\n"),
}
local hand_base = assert(accord.parse(hand, { name = "hand.txt" }))
local function compilation(parties)
  local list = {}
  for _, p in ipairs(parties) do list[#list + 1] = { party = p, doc = assert(accord.parse(texts[p], { name = p })) } end
  return assert(accord.consolidate{ base = hand_base, contributions = list })
end
local alone, both, moves = compilation { "XXA" }, compilation { "XXA", "YYB", "ZZC" }, compilation { "WWD" }
local expected = {
  -- ITU: every proposal with its mark (ADD, MOD, SUP) and amendment id, then its parties
  wtpf = {
    alone = "\nb)\t[that the forum met in Geneva last year;] (SUP XXA/1 (XXA): delete)\n",
    both = "\nb)\t[Delete paragraph SUP XXA/1 (XXA)] that the forum met in [Geneva] [MOD YYB/1 (YYB): Paris] last year;\n",
    new_section = "\n\t[ADD ZZC/2 (ZZC): resolves]\na)\t[ADD ZZC/3 (ZZC): to meet again next year;]\n",
    moved_section = "\n\tinvites [Move section MOD ZZC/1 (ZZC): after recognizing]\n",
    moved = "\nb)\t[Label MOD WWD/1 (WWD): ] that all stakeholders have roles to play in it; [Move MOD WWD/1 (WWD): after b) under c)]\n",
    deleted_section = "\n\t[Delete section SUP WWD/2 (WWD)] noting\n",
  },
  -- UN: the amendment id, then the parties
  un_ga = {
    alone = "\nb)\t[that the forum met in Geneva last year;] (XXA/1 (XXA): delete)\n",
    both = "\nb)\t[Delete paragraph XXA/1 (XXA)] that the forum met in [Geneva] [YYB/1 (YYB): Paris] last year;\n",
    new_section = "\n\t[ZZC/2 (ZZC): resolves]\na)\t[ZZC/3 (ZZC): to meet again next year;]\n",
    moved_section = "\n\tinvites [Move section ZZC/1 (ZZC): after recognizing]\n",
    moved = "\nb)\t[Label WWD/1 (WWD): ] that all stakeholders have roles to play in it; [Move WWD/1 (WWD): after b) under c)]\n",
    deleted_section = "\n\t[Delete section WWD/2 (WWD)] noting\n",
  },
  -- anonymous: a neutral number, in the order of the compilation
  cwg_internet = {
    alone = "\nb)\t[that the forum met in Geneva last year;] (#1: delete)\n",
    both = "\nb)\t[Delete paragraph #1] that the forum met in [Geneva] [#2: Paris] last year;\n",
    new_section = "\n\t[#3: resolves]\na)\t[#4: to meet again next year;]\n",
    moved_section = "\n\tinvites [Move section #5: after recognizing]\n",
    moved = "\nb)\tthat all stakeholders have roles to play in it; [Move #1: after b) under c)]\n",
    deleted_section = "\n\t[Delete section #2] noting\n",
  },
  igf = {
    alone = "\nb)\t{that the forum met in Geneva last year;} (#1: delete)\n",
    both = "\nb)\t{Delete paragraph #1} that the forum met in {Geneva} {#2: Paris} last year;\n",
    new_section = "\n\t{#3: resolves}\na)\t{#4: to meet again next year;}\n",
    moved_section = "\n\tinvites {Move section #5: after recognizing}\n",
    moved = "\nb)\tthat all stakeholders have roles to play in it; {Move #1: after b) under c)}\n",
    deleted_section = "\n\t{Delete section #2} noting\n",
  },
}
for _, name in ipairs { "wtpf", "cwg_internet", "igf", "un_ga" } do
  local p = assert(accord.workflow_load(root .. "/workflows/" .. name .. ".lua"))
  local e = expected[name]
  local t1, t2, t3 = assert(alone:render("text", { pack = p })), assert(both:render("text", { pack = p })),
    assert(moves:render("text", { pack = p }))
  check.contains(t1, e.alone, name .. ": a deleted paragraph")
  check.contains(t2, e.both, name .. ": a deleted paragraph another party amends")
  check.contains(t2, e.new_section, name .. ": a new section, with its own labels")
  check.contains(t2, e.moved_section, name .. ": a moved section")
  check.contains(t3, e.moved, name .. ": a moved paragraph, its place as the reader sees the labels")
  check.contains(t3, e.deleted_section, name .. ": a deleted section")
  -- anonymous conventions name nobody, in any format
  local anonymous = name == "cwg_internet" or name == "igf"
  for _, f in ipairs { "text", "md", "html", "json", "yaml" } do
    local out = assert(both:render(f, { pack = p })) .. assert(moves:render(f, { pack = p }))
    for _, code in ipairs { "XXA", "YYB", "ZZC", "WWD" } do
      if anonymous then
        check.ok(not out:find(code, 1, true), name .. " " .. f .. " does not name " .. code)
      end
    end
    if not anonymous then check.contains(out, "ZZC", name .. " " .. f .. " names the parties") end
  end
  check.contains(t2, anonymous and "Compilation of proposals on hand.txt (3 parties)\n"
    or "Compilation of proposals on hand.txt (XXA, YYB, ZZC)\n", name .. ": the first line")
  p:close()
end
-- A pack that says it is anonymous but writes only some templates: the built-in marks it
-- leaves come without names; one that names the parties in a template is refused.
local anon = assert(accord.workflow_load(root .. "/tests/data/consolidate/anonymous-pack.lua"))
local t2, t3 = assert(both:render("text", { pack = anon })), assert(moves:render("text", { pack = anon }))
check.contains(t2, "\nb)\t[Delete paragraph] that the forum met in <<Geneva>> <<Paris>> last year;\n", "anonymous: the paragraph mark")
check.contains(t2, "\n\tinvites [Move section: after recognizing]\n", "anonymous: the section move")
check.contains(t2, "\n\t<<resolves>>\na)\t<<to meet again next year;>>\n", "anonymous: the pack's insertion")
check.contains(t3, "; [Move: after b) under c)]\n", "anonymous: the paragraph move")
check.contains(t3, "\n\t[Delete section] noting\n", "anonymous: the section deletion")
check.contains(t2, "(3 parties)\n", "anonymous: no codes in the first line")
anon:close()
local named = assert(accord.workflow_load(root .. "/tests/data/consolidate/anonymous-named-pack.lua"))
local none, why = both:render("text", { pack = named })
check.eq(none, nil, "an anonymous convention that names parties is refused")
check.contains(why, "'move_paragraph' names the parties (%p), but the convention is anonymous", "with the template named")
named:close()

-- Misuse raises; expected failures return nil, message, code.
check.ok(not pcall(accord.consolidate, {}), "no base raises")
check.ok(not pcall(c.render, c, "pdf"), "an unknown format raises")
local bad, why = accord.consolidate{ base = base, contributions = { { party = "A/B", doc = usa } } }
check.eq(bad, nil, "a bad party code")
check.eq(why, "a party code has no '/', ',', blank or control character ('A/B')", "with a message")
c:close()
check.ok(not pcall(c.render, c), "a closed compilation raises")
check.done("consolidate")
