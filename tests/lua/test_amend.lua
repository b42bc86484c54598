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

-- One line per amendment: "ID OP target section/parent/after label".
local function summary(list)
  local lines = {}
  for i = 1, #list do
    local a = list[i]
    local where = a.position and (tostring(a.position.section) .. "/" .. tostring(a.position.parent) .. "/"
      .. tostring(a.position.after)) or "-"
    lines[#lines + 1] = table.concat({ a.id, a.op, a.target or "-", where, a.label or "-" }, " ")
  end
  return table.concat(lines, "\n")
end

-- The edits of an amendment as "[base|text]" pairs.
local function edits(a)
  local out = {}
  for _, e in ipairs(a.edits or {}) do out[#out + 1] = "[" .. e.base .. "|" .. e.text .. "]" end
  return table.concat(out, " ")
end

-- The USA's 22 amendments, in reading order: what each one is and where it goes. The new
-- recognizing d) takes the old d) as its child (a MOVE under it) with five new items; the new
-- noting a) is an ADD; "invites" gets an addressee.
local list = assert(accord.diff(base, usa, { party = "USA" }))
check.eq(list:party(), "USA", "party")
check.eq(#list, 22, "the USA proposes 22 amendments")
check.eq(summary(list), table.concat({
  "USA/1 META - - -",
  "USA/2 META - - -",
  "USA/3 MOD p1 - -",
  "USA/4 MOD p2 - -",
  "USA/5 ADD - s1/nil/p3 d)",
  "USA/6 ADD - s1/USA/5/nil a)",
  "USA/7 ADD - s1/USA/5/USA/6 -",
  "USA/8 ADD - s1/USA/5/USA/7 b)",
  "USA/9 ADD - s1/USA/5/USA/8 c)",
  "USA/10 ADD - s1/USA/5/USA/9 d)",
  "USA/11 ADD - s1/USA/5/USA/10 e)",
  "USA/12 MOVE p4 s1/USA/5/USA/11 -",
  "USA/13 ADD - s1/nil/USA/5 e)",
  "USA/14 MOD p5 - -",
  "USA/15 ADD - s2/nil/nil a)",
  "USA/16 MOD p7 - -",
  "USA/17 MOD p8 - -",
  "USA/18 MOD p10 - -",
  "USA/19 MOD p11 - -",
  "USA/20 HEADING s4 - -",
  "USA/21 ADD - s4/nil/nil a)",
  "USA/22 MOD p12 - -",
}, "\n"), "the USA's amendments")
for i = 1, #list do
  check.eq(list[i].id, "USA/" .. i, "ids follow the reading order")
  check.eq(#list[i].proposers, 1, list[i].id .. ": one proposer")
  check.eq(list[i].proposers[1], "USA", list[i].id .. ": proposer")
end
check.eq(list[1].field, "notes", "USA/1 changes the notes")
check.eq(list[1].to, "Note: The United States submits the following revisions (in track changes) to Document "
  .. "WTPF-IEG/2/10 (Contribution 27).", "USA/1: the new note")
check.eq(list[2].field, "title", "USA/2 sets the title")
check.eq(list[2].from, nil, "USA/2: the base has no title")
check.eq(list[2].to, "OPINION (1) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE", "USA/2: the title")
check.eq(edits(list[3]), "[article|paragrapharticle]", "USA/3: article 37 becomes paragrapharticle 37")
check.eq(list[3].edits[1].kind, "replace", "USA/3: a replacement")
check.eq(list[3].edits[1].at, 5, "USA/3: at token 5 (that , _ per _ article)")
check.eq(list[3].edits[1].count, 1, "USA/3: one token")
check.eq(list[3].editorial, false, "USA/3 is not editorial")
check.eq(edits(list[14]), "[article|paragrapharticle]", "USA/14: the same change in e)")
check.eq(list[12].text, nil, "a MOVE carries no text of its own")
check.eq(edits(list[12]), "[that article 35 of the Tunis Agenda |]", "USA/12: the moved d) loses its opening words")
check.eq(list["USA/12"].target, "p4", "lookup by id")
check.contains(list[15].text, "that there have been seven successful Internet Governance Forums", "USA/15: the new noting a)")
check.eq(list[7].label, nil, "USA/7: an unlabelled new item")
check.contains(list[7].text, "They have rights and responsibilities for", "USA/7: its text")
check.eq(list[20].heading_from, "invites", "USA/20: the base heading")
check.eq(list[20].heading, "invites Member States", "USA/20: the new heading")
check.eq(list[20].addressee, "Member States", "USA/20: the addressee")
check.eq(list[20].kind, "operative", "USA/20: operative")
check.eq(list[22].editorial, true, "USA/22: only the label changes: editorial")
check.eq(list[22].label_changed, true, "USA/22: the label changes")
check.eq(list[22].label_from, "a)", "USA/22: from a)")
check.eq(list[22].label_to, nil, "USA/22: to none (the new a) stands before it)")
check.eq(#(list[22].edits or {}), 0, "USA/22: no text edit")
check.eq(list[99], nil, "no 99th amendment")
check.eq(list["USA/99"], nil, "no amendment USA/99")

-- Applying all of them gives the USA text; JSON read back gives the same list.
local copy = base:clone()
check.eq(list:apply(copy), true, "apply returns true")
check.eq(copy:render("text"), usa:render("text"), "apply(diff) is the contribution")
local reread = assert(accord.amendments(list:json(), "usa.json"))
check.eq(#reread, #list, "JSON round trip keeps every amendment")
check.eq(summary(reread), summary(list), "JSON round trip keeps ops, targets and places")
check.eq(reread:json(), list:json(), "JSON round trip is stable")
local json = list:json()
check.contains(json, '"accord": "amendments/1"', "JSON format tag")
check.contains(json, '"party": "USA"', "JSON party")
check.eq(select(2, json:gsub('"op": "', "")), 22, "JSON: 22 amendments")
check.eq(select(2, json:gsub('"op": "ADD"', "")), 10, "JSON: 10 ADDs")
check.eq(select(2, json:gsub('"op": "MOD"', "")), 8, "JSON: 8 MODs")
local yaml = list:yaml()
check.contains(yaml, 'accord: "amendments/1"', "YAML format tag")
check.eq(select(2, yaml:gsub("\n%- id: ", "")), 22, "YAML: 22 amendments")
check.contains(yaml, '- id: "USA/12"\n  op: "MOVE"\n', "YAML: the MOVE")
local view = list:text(base)
check.contains(view, "{+invites Member States+}", "text view: the heading")
check.contains(view, "\ta)\tthat, per [-article-]{+paragrapharticle+} 37 of the Tunis Agenda", "text view: a replacement")
check.contains(view, "MOVE USA/12  recognizing d) [p4], moved after USA/11\n", "text view: the MOVE")
check.eq(view:find("\27[", 1, true), nil, "text view: no colour unless asked")
check.ok(list:text(base, true):find("\27[", 1, true) ~= nil, "text view: colour on request")

-- Only the heading: the rest of the text stays the base's.
local only = base:clone()
assert(list:apply(only, { only = { "USA/20" } }))
local expected = base:clone()
expected:section("s4"):set_heading("invites Member States", "operative", "Member States")
check.eq(only:render("text"), expected:render("text"), "only the heading applied")
-- The new d), its items and the MOVE: the old d) goes under the new one, last.
local moved = base:clone()
assert(list:apply(moved, { only = { "USA/5", "USA/6", "USA/7", "USA/8", "USA/9", "USA/10", "USA/11", "USA/12" } }))
check.eq(moved:para("p4"):parent():id(), "USA/5", "the MOVE puts p4 under the new d)")
check.eq(moved:para("p4"):text():sub(1, 30), "defines the stakeholders in In", "with its edit")
check.eq(moved:para_count(), base:para_count() + 7, "seven paragraphs more")
local children = moved:para("USA/5"):children()
check.eq(#children, 7, "the new d) has seven children")
check.eq(children[7]:id(), "p4", "the moved paragraph is the last of them")
check.eq(children[7]:label(), nil, "and has lost its label")

-- Iran: 12 amendments, edits of its own paragraphs and two new ones, no deletion.
local irn_list = assert(accord.diff(base, irn, { party = "IRN" }))
check.eq(#irn_list, 12, "Iran proposes 12 amendments")
check.eq(summary(irn_list), table.concat({
  "IRN/1 META - - -",
  "IRN/2 META - - -",
  "IRN/3 MOD p2 - -",
  "IRN/4 MOD p6 - -",
  "IRN/5 MOD p7 - -",
  "IRN/6 MOD p8 - -",
  "IRN/7 MOD p9 - -",
  "IRN/8 MOD p10 - -",
  "IRN/9 ADD - s2/nil/p10 )",
  "IRN/10 MOD p12 - -",
  "IRN/11 ADD - s4/nil/p12 -",
  "IRN/12 MOD p13 - -",
}, "\n"), "Iran's amendments")
check.contains(irn_list[9].text, "The close collaboration and mutual cooperation among these stakeholder",
  "IRN/9: the new item after noting d)")
check.eq(irn_list[11].text, ";", "IRN/11: a paragraph that is only ';'")
check.eq(edits(irn_list[4]), "[ cannot|  have not yet been given opportunities cannot  to]", "IRN/4: f)")
local irn_copy = base:clone()
assert(irn_list:apply(irn_copy))
check.eq(irn_copy:render("text"), irn:render("text"), "apply(diff) is Iran's text")

-- Flattened tracked changes: the USA's text has inserted words glued to the ones they replaced.
do
  local usa_text = assert(io.open(seeds .. "contrib-USA.txt")):read("a")
  local usa_diff = assert(accord.diff(base, usa, { party = "USA" }))
  local places = usa_diff:flattened(base, usa, usa_text)
  check.ok(#places >= 3, "several flattened places in the USA's text")
  check.eq(places[1].kind, "glued", "glued places first")
  check.eq(places[1].token, "paragrapharticle", "the glued word")
  check.eq(places[1].inserted, "paragraph", "the inserted word")
  check.eq(places[1].base, "article", "the base word it replaced")
  check.eq(places[1].line, 6, "its line in the file")
  check.eq(places[1].col, 14, "its column, from the source")
  check.eq(places[1].amendment:match("^USA/"), "USA/", "the amendment it is in")
  check.contains(places[1].message, "looks like a flattened tracked change", "the message")
  check.eq(usa_diff:flattened(base, usa)[1].col, 0, "without the source, no column")
  check.ok(#assert(accord.diff(base, irn)):flattened(base, irn) > 0, "Iran's text is flattened too")
  local base_text = assert(io.open(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt")):read("a")
  local edited = assert(accord.parse((base_text:gsub("as far as possible", "wherever possible"))))
  check.eq(#assert(accord.diff(base, edited)):flattened(base, edited), 0, "an ordinary revision: none")
  check.ok(not pcall(usa_diff.flattened, usa_diff, "not a doc"), "misuse raises")
end

-- Expected failures return nil, message, code; misuse raises.
local none, msg, code = accord.amendments("{}", "x.json")
check.eq(none, nil, "bad JSON gives nil")
check.eq(msg:match("^x%.json:1:1: "), "x.json:1:1: ", "message has the position")
check.eq(code, accord.ESCHEMA, "code")
local bad = assert(accord.amendments('{"accord": "amendments/1", "amendments": [{"id": "X/1", "op": "SUP", "target": "p99"}]}'))
local ok, why, why_code = bad:apply(base:clone())
check.eq(ok, nil, "unknown target")
check.contains(why, "p99", "names the target")
check.eq(why_code, accord.ENOTFOUND, "not found")
check.ok(not pcall(accord.diff, base, "not a doc"), "misuse raises")
list:close()
check.ok(not pcall(function() return #list end), "a closed list raises")
check.ok(tostring(list):find("closed"), "tostring of a closed list")

check.done("amend")
