-- The accord module: documents, paragraphs, rosters, packs; run with the
-- stock lua5.4 interpreter (LUA_CPATH=build/lua/?.so) and with `accord run`.
local accord = require "accord"
local root = assert(arg[1], "usage: test_module.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"

check.eq(type(accord.version), "string", "version")

-- parse a seed, walk it, render it, parse the rendering again
local doc = assert(accord.parse_file(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt"))
check.eq(doc:mode(), "opinion", "the base text is an opinion")
local sections = doc:sections()
check.ok(#sections >= 3, "sections")
check.eq(sections[1]:kind(), "preambular", "first section is preambular")
local count, ids = 0, {}
for para in doc:paragraphs() do
  count = count + 1
  ids[#ids + 1] = para:id()
  check.eq(para:doc(), doc, "a paragraph belongs to its doc")
end
check.eq(count, doc:para_count(), "paragraphs() walks them all")
local text = doc:render("text")
local again = assert(accord.parse(text, { name = "again" }))
check.ok(again == doc and again:equal(doc), "parse(render(doc)) equals doc")
check.eq(again:render("text"), text, "render is stable")
-- Every format has every paragraph, in document order, with its id or label and its text:
-- the expected lines are written here from docs/formats.md, not taken from the renderer.
local function html_escape(t)
  return (t:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"):gsub("'", "&#39;"))
end
local function md_escape(t)
  return (t:gsub("[\\`*_%[%]<>&|]", "\\%0"))
end
-- Finds each of parts in s, in order; returns the number found in order.
local function in_order(s, parts)
  local at, found = 1, 0
  for _, part in ipairs(parts) do
    local i, j = s:find(part, at, true)
    if not i then
      io.stderr:write("not found after byte " .. at .. ": " .. part .. "\n")
      return found
    end
    found, at = found + 1, j + 1
  end
  return found
end
local html, md, yaml, json = doc:render("html"), doc:render("md"), doc:render("yaml"), doc:render("json")
local want_html, want_md, want_yaml, want_json = {}, {}, {}, {}
for _, section in ipairs(sections) do
  want_html[#want_html + 1] = '<section id="' .. section:id() .. '" class="' .. section:kind() .. '">\n<p class="heading">'
    .. html_escape(section:heading()) .. "</p>\n"
  want_md[#want_md + 1] = "\n*" .. md_escape(section:heading()) .. "*\n"
  want_yaml[#want_yaml + 1] = "- id: " .. section:id() .. "\n  heading: " .. section:heading() .. "\n  kind: " .. section:kind() .. "\n"
  want_json[#want_json + 1] = '"id": "' .. section:id() .. '",\n      "heading": "' .. section:heading() .. '",'
  for _, para in ipairs(section:paragraphs()) do
    want_html[#want_html + 1] = '<div class="para" id="' .. para:id() .. '"><span class="label">' .. html_escape(para:label())
      .. "</span>" .. html_escape(para:text()) .. "</div>\n"
    want_md[#want_md + 1] = "\n" .. md_escape(para:label()) .. " " .. md_escape(para:text()) .. "\n"
    want_yaml[#want_yaml + 1] = "  - id: " .. para:id() .. "\n    label: " .. para:label() .. "\n    text: "
    want_json[#want_json + 1] = '"id": "' .. para:id() .. '",\n          "label": "' .. para:label() .. '",'
  end
end
check.eq(in_order(html, want_html), #want_html, "html: every section and paragraph in order")
check.eq(in_order(md, want_md), #want_md, "md: every heading and paragraph in order")
check.eq(in_order(yaml, want_yaml), #want_yaml, "yaml: every section and paragraph in order")
check.eq(in_order(json, want_json), #want_json, "json: every section and paragraph in order")
check.eq(#want_html, #sections + doc:para_count(), "the base has no nested paragraph")
check.eq(select(2, html:gsub('<div class="para"', "")), doc:para_count(), "html: no paragraph twice")
check.eq(html:sub(1, 16), "<!DOCTYPE html>\n", "html: a page")
check.eq(html:sub(-8), "</html>\n", "html: a whole page")
check.eq(md:sub(-1), "\n", "md ends with a newline")
check.ok(md:sub(-2) ~= "\n\n", "md ends with one newline")
check.eq(yaml:sub(1, 37), "accord: document/1\nmode: opinion\nbody", "yaml: the format tag, the mode, the body")
check.eq(json:sub(1, 137), '{\n  "accord": "document/1",\n  "mode": "opinion",\n  "symbol": null,\n  "source": null,\n'
  .. '  "notes": [],\n  "title": null,\n  "body": "The fifth', "json: every key, in order")
local from_yaml = assert(accord.parse(yaml, { format = "yaml" }))
check.ok(from_yaml == doc, "the YAML form reads back equal")
check.eq(from_yaml:render("text"), text, "and gives the same text")
local from_json = assert(accord.parse(json, { format = "json" }))
check.ok(from_json == doc, "the JSON form reads back equal")
check.eq(from_json:para(ids[3]):id(), ids[3], "ids survive JSON")

-- Special characters: escaped in HTML and Markdown, kept as they are everywhere else.
local odd = accord.new("opinion")
local odd_section = odd:add_section("noting <that> & \"more\"", "preambular")
local odd_para = odd_section:add_para("1.", [[a < b & c > d "q" 'x' *y* _z_ [w] `v` |p \b]])
odd_section:add_para(nil, "2. not a label; # not a heading")
check.contains(odd:render("html"), '<p class="heading">noting &lt;that&gt; &amp; &quot;more&quot;</p>', "html heading escaped")
check.contains(odd:render("html"), '<span class="label">1.</span>a &lt; b &amp; c &gt; d &quot;q&quot; &#39;x&#39; *y* _z_ [w] `v` |p \\b</div>',
  "html text escaped")
check.contains(odd:render("md"), "*noting \\<that\\> \\& \"more\"*\n", "md heading escaped")
check.contains(odd:render("md"), [[1\. a \< b \& c \> d "q" 'x' \*y\* \_z\_ \[w\] \`v\` \|p \\b]], "md text escaped")
check.contains(odd:render("md"), "\n2\\. not a label; # not a heading\n", "md: a number at the start of a block is escaped")
check.eq(odd:render("text"), "\tnoting <that> & \"more\"\n1.\t" .. odd_para:text() .. "\n2. not a label; # not a heading\n",
  "text keeps every character")
check.ok(assert(accord.parse(odd:render("json"), { format = "json" })) == odd, "json keeps every character")
check.ok(assert(accord.parse(odd:render("yaml"), { format = "yaml" })) == odd, "yaml keeps every character")

-- get/set label and text; ids stay stable; clone keeps ids
local p = assert(doc:para(ids[2]))
local clone = doc:clone()
check.eq(clone:para(ids[2]):text(), p:text(), "clone keeps ids and text")
p:set_text("that the text changed")
p:set_label("b bis)")
check.eq(doc:para(ids[2]):text(), "that the text changed", "set_text")
check.eq(p:label(), "b bis)", "set_label")
check.eq(p:id(), ids[2], "the id does not change")
check.ok(clone ~= doc, "the clone did not change")
check.eq(p:section():id(), sections[1]:id(), "the paragraph's section")

-- build a document
local new = accord.new("opinion")
new:set_meta("title", "DRAFT OPINION 9")
local s = new:add_section("recognizing", "preambular")
local a = s:add_para("a)", "that one")
s:add_para("i)", "that a child", a)
check.eq(#a:children(), 1, "a child paragraph")
check.eq(new:meta("title"), "DRAFT OPINION 9", "meta")
check.contains(new:render("text"), "a)\tthat one", "rendered")

-- expected failures return nil, message, code; misuse raises
local none, msg, code = accord.parse("   \n")
check.eq(none, nil, "empty input fails")
check.eq(code, accord.EEMPTY, "EEMPTY")
none, msg, code = accord.parse_file(seeds .. "no-such-file.txt")
check.eq(code, accord.EIO, "a missing file is EIO")
check.contains(msg, "no-such-file", "the message names the file")
check.ok(not pcall(doc.render, doc, "nope"), "an unknown format raises")
check.ok(not pcall(doc.meta, doc, "colour"), "an unknown meta field raises")
check.ok(not pcall(accord.parse, {}), "parse wants a string")

-- closing: handles of a closed doc raise; close is idempotent; children keep the doc alive
local para = clone:para(ids[1])
clone:close()
clone:close()
local ok, err = pcall(para.text, para)
check.eq(ok, false, "a paragraph of a closed doc")
check.contains(err, "closed doc", "the message")
ok, err = pcall(clone.render, clone)
check.contains(err, "closed doc", "a closed doc")
local orphan = accord.parse_file(seeds .. "contrib-USA.txt"):para("p1")
collectgarbage()
collectgarbage()
check.eq(type(orphan:text()), "string", "a paragraph keeps its doc alive")
do
  local scoped <close> = accord.parse("One paragraph.\n")
  check.eq(scoped:para_count(), 1, "to-be-closed doc")
end

-- rosters: strict errors with line:col
local roster = assert(accord.roster_load(seeds .. "roster.yaml"))
check.eq(#roster, 24, "24 parties in the WTPF roster")
check.eq(roster:party("IRN").role, "member_state", "Iran is a Member State")
check.eq(roster:party("RIPENCC").role, "sector_member", "RIPE NCC is a Sector Member")
check.eq(roster:party("RUS").groups[1], "RCC", "groups")
check.eq(roster:groups().CITEL, "Inter-American Telecommunication Commission", "group names")
none, msg, code = accord.roster_parse("roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: ms, colour: red}\n", "r.yaml")
check.eq(code, accord.ESCHEMA, "an unknown key")
check.contains(msg, "r.yaml:3:", "with its position")
none, msg, code = accord.roster_parse("roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: ms}\n  - {code: X, name: Z, role: ms}\n")
check.contains(msg, "duplicate", "a duplicate code")
none, msg, code = accord.roster_parse("roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: judge}\n")
check.contains(msg, "not declared", "an undeclared role")
none, msg, code = accord.roster_parse("roles: [\n")
check.eq(code, accord.EPARSE, "malformed YAML")

-- packs: a failing pack is an expected failure, with the script position
local dir = os.tmpname()
os.remove(dir)
local function write(name, body)
  local path = dir .. "-" .. name
  local f = assert(io.open(path, "w"))
  f:write(body)
  f:close()
  return path
end
local bad = write("syntax.lua", "return {\n  name = \n")
none, msg, code = accord.workflow_load(bad)
check.eq(code, accord.EPARSE, "a pack that does not compile")
local loop = write("loop.lua", "while true do end")
none, msg, code = accord.workflow_load(loop, { instructions = 100000 })
check.eq(code, accord.ELIMIT, "a pack that never ends")
local escape = write("escape.lua", "local f = io.open('/etc/passwd')\nreturn {}")
none, msg, code = accord.workflow_load(escape)
check.eq(code, accord.ESCRIPT, "a pack cannot use io")
check.contains(msg, ":1:", "script:line")
-- a name is found as the CLI finds it (accord_workflow_find), a pack in any folder can require
-- the shipped helpers, and a name found nowhere says where it looked
local listed = assert(accord.workflow_list())
local names = {}
for i, w in ipairs(listed) do
  names[#names + 1] = w.name
  if i > 1 then check.ok(listed[i - 1].name < w.name, "sorted, each name once") end
  check.ok(w.path:match("^/.*/" .. w.name .. "%.lua$"), "an absolute path")
end
check.contains(table.concat(names, " "), "wtpf", "the shipped packs are listed")
local by_name = assert(accord.workflow_load("wtpf"))
check.eq(by_name:info().name, "wtpf", "a pack by name")
by_name:close()
local helper_user = write("helpers.lua", "local tally = require 'tally'\nreturn { name = 'x', decide = function() end }")
assert(accord.workflow_load(helper_user), "a pack elsewhere requires the shipped 'tally'")
none, msg, code = accord.workflow_load("nosuchbody")
check.eq(code, accord.ENOTFOUND, "an unknown name")
check.contains(msg, "looked in", "the folders looked in")
local invalid = write("invalid.lua", "return { name = 'Not An Id' }")
local pack = assert(accord.workflow_load(invalid))
none, msg, code = pack:validate()
check.eq(code, accord.ESCHEMA, "an invalid pack")
check.contains(msg, "name:", "the problems listed")
check.contains(msg, "decide: must be a function", "every problem")
local greedy = write("greedy.lua", "return { decide = function() local t = {} for i = 1, 1e9 do t[i] = i end end }")
pack = assert(accord.workflow_load(greedy, { memory = 2 * 1024 * 1024 }))
none, msg, code = pack:decide({})
check.eq(code, accord.ELIMIT, "a rule that eats memory")
-- a value too big to leave the sandbox (a table referenced many times counts each time): a limit
local amplify = write("amplify.lua", "return { shout = function() local s = string.rep('x', 512 * 1024) "
  .. "local t = {} for i = 1, 16 do t[i] = s end return t end }")
pack = assert(accord.workflow_load(amplify, { memory = 2 * 1024 * 1024 }))
none, msg, code = pack:call("shout")
check.eq(code, accord.ELIMIT, "an amplified value is a limit, not a schema error")
check.contains(msg, "shout returned a value larger than", "what was too big")
local leak = write("leak.lua", "return { decide = function() print(\"x\") end }")
pack = assert(accord.workflow_load(leak))
none, msg, code = pack:decide({})
check.eq(code, accord.ESCRIPT, "print is not there")
pack:close()
check.ok(not pcall(pack.decide, pack, {}), "a closed pack raises")
for _, name in ipairs({ "syntax.lua", "loop.lua", "escape.lua", "invalid.lua", "greedy.lua", "leak.lua", "amplify.lua" }) do
  os.remove(dir .. "-" .. name)
end
check.done("module")
