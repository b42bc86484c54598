-- pack:validate(): every field of the rule pack API checked, each problem with
-- its exact words, at the first, a middle and the last element of each list
-- (docs/workflows.md, "The pack table"). A valid pack is changed one field at a
-- time; validate() answers nil, the problems (one a line), ESCHEMA.
local accord = require "accord"
local root = assert(arg[1], "usage: test_pack_validation.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")

local path = os.tmpname()
os.remove(path)
path = path .. ".pack.lua"

local BRACKETS = [[{ style = "test",
    insertion = function(t) return "[" .. t .. "]" end, deletion = function(t) return "[" .. t .. "]" end,
    replacement = function(a, b) return "[" .. a .. "/" .. b .. "]" end,
    alternatives = function(list) return "[" .. list[1] .. "]" end,
    attribution = function(by, t) return "[" .. by[1] .. ": " .. t .. "]" end,
    new_label = function(label, n) return label .. n end, ad_ref = function(t) return t end }]]

local fields = {
  { "api", "1" },
  { "name", [["tiny"]] },
  { "body", [["Tiny Body"]] },
  { "cites", [[{ "Rule 1", "Rule 2", "Rule 3" }]] },
  { "roles", [[{ member = "Member", observer = { name = "Observer" } }]] },
  { "stages", [[{ { id = "one", name = "One", allows = { "propose", "comment", "amend" } },
    { id = "two", name = "Two", allows = { "object", "decide", "vote" } },
    { id = "three", name = "Three", allows = { "merge", "report" } },
    { id = "four", name = "Four", allows = {} } }]] },
  { "unagreed", [["drop"]] },
  { "decision", [[{ rule = "consensus", description = "no objection" }]] },
  { "brackets", BRACKETS },
  { "vocabulary", [[{ { phrase = "notes", kind = "preambular" }, { phrase = "decides", kind = "operative" },
    { phrase = "requests", kind = "operative", addressee = true } }]] },
  { "may_propose", "function() return true end" },
  { "may_object", "function() return true end" },
  { "may_vote", "function() return false, 'no vote' end" },
  { "decide", "function() return { outcome = 'agreed', tally = {} } end" },
  { "may_supersede", "function() return true end" },
  { "stages_back", "true" },
}

-- The pack with `changes` (field -> source, or false to leave the field out).
local function write_pack(changes)
  local out = { "return {" }
  for _, f in ipairs(fields) do
    local value = f[2]
    if changes[f[1]] ~= nil then value = changes[f[1]] end
    if value then out[#out + 1] = "  " .. f[1] .. " = " .. value .. "," end
  end
  out[#out + 1] = "}"
  local fp = assert(io.open(path, "w"))
  fp:write(table.concat(out, "\n"), "\n")
  fp:close()
end

local function problems(changes, roster)
  write_pack(changes)
  local pack, msg, code = accord.workflow_load(path, roster and { roster = roster } or nil)
  if not pack then return "load: " .. tostring(msg), code end
  local ok, why, vcode = pack:validate()
  pack:close()
  if ok then return true end
  check.eq(ok, nil, "validate answers nil")
  return why, vcode
end

check.eq(problems({}), true, "the pack as written is valid")

local function invalid(changes, expected_lines, what)
  local why, code = problems(changes)
  local expected = {}
  for i, l in ipairs(expected_lines) do expected[i] = path .. ": " .. l end
  check.eq(why, table.concat(expected, "\n") .. "\n", what)
  check.eq(code, accord.ESCHEMA, what .. ": ESCHEMA")
end

local STAGES = "stages: must be a non-empty list of {id = ..., name = ..., allows = {...}}"
local ACTIONS = "(propose, comment, object, decide, vote, amend, merge, report, rule)"
local cases = {
  { { api = "2" }, { "api: must be 1 (the version of the rule pack API)" }, "api 2" },
  { { api = [["1"]] }, { "api: must be 1 (the version of the rule pack API)" }, "api as a string" },
  { { api = false }, { "api: must be 1 (the version of the rule pack API)" }, "no api" },
  { { name = [["Tiny"]] }, { "name: must be a short id (a-z, 0-9, _)" }, "a capital in the name" },
  { { name = [["ti-ny"]] }, { "name: must be a short id (a-z, 0-9, _)" }, "a dash in the name" },
  { { name = [[""]] }, { "name: must be a short id (a-z, 0-9, _)" }, "an empty name" },
  { { name = "7" }, { "name: must be a short id (a-z, 0-9, _)" }, "a number for a name" },
  { { body = [[""]] }, { "body: must be the name of the body (a string)" }, "an empty body" },
  { { body = false }, { "body: must be the name of the body (a string)" }, "no body" },
  { { cites = "{}" }, { "cites: must be a non-empty list of sources (strings)" }, "no cites" },
  { { cites = [[{ 1, "Rule 2" }]] }, { "cites: must be a non-empty list of sources (strings)" }, "cites[1] a number" },
  { { cites = [[{ "Rule 1", {}, "Rule 3" }]] }, { "cites: must be a non-empty list of sources (strings)" }, "cites[2] a table" },
  { { cites = [[{ "Rule 1", "Rule 2", true }]] }, { "cites: must be a non-empty list of sources (strings)" }, "cites[3] a boolean" },
  { { cites = [["Rule 1"]] }, { "cites: must be a non-empty list of sources (strings)" }, "cites a string" },
  { { roles = "{}" }, { "roles: must be a non-empty table of role id -> description" }, "no roles" },
  { { roles = [["member"]] }, { "roles: must be a non-empty table of role id -> description" }, "roles a string" },
  { { roles = [[{ member = 1 }]] }, { "roles: each entry is id = \"description\" or id = {name = ...}" }, "a role a number" },
  { { roles = [[{ "member" }]] }, { "roles: each entry is id = \"description\" or id = {name = ...}" }, "a role without an id" },
  { { may_propose = false }, { "may_propose: must be a function" }, "no may_propose" },
  { { may_object = "true" }, { "may_object: must be a function" }, "may_object not a function" },
  { { may_vote = false }, { "may_vote: must be a function" }, "no may_vote" },
  { { decide = [["consensus"]] }, { "decide: must be a function" }, "decide not a function" },
  { { stages = "{}" }, { STAGES }, "no stages" },
  { { stages = false }, { STAGES }, "stages left out" },
  { { stages = [[{ 1, { id = "two", name = "Two", allows = {} } }]] }, { "stages[1]: must be a table" }, "stages[1] a number" },
  { { stages = [[{ { id = "one", name = "One", allows = {} }, "two" }]] }, { "stages[2]: must be a table" }, "stages[2] a string" },
  { { stages = [[{ { name = "One", allows = {} } }]] }, { "stages[1].id: must be a string" }, "stages[1] without an id" },
  { { stages = [[{ { id = "one", name = "One", allows = {} }, { id = 2, name = "Two", allows = {} } }]] },
    { "stages[2].id: must be a string" }, "stages[2].id a number" },
  { { stages = [[{ { id = {}, name = "One", allows = {} }, { id = "two", name = "Two", allows = {} } }]] },
    { "stages[1].id: must be a string" }, "stages[1].id a table, before a good stage" },
  { { stages = [[{ "one", { id = "two", name = "Two", allows = {} }, { id = "two", name = "Again", allows = { "x" } } }]] },
    { "stages[1]: must be a table", "stages[3].id: duplicate id 'two'",
      "stages[3].allows: unknown action 'x' (propose, comment, object, decide, vote, amend, merge, report, rule)" },
    "a duplicate after a stage that is not a table" },
  { { stages = [[{ { id = "one", allows = {} } }]] }, { "stages[1].name: must be a string" }, "stages[1] without a name" },
  { { stages = [[{ { id = "one", name = "One", allows = {} }, { id = "two", allows = {} }, { id = "three", name = "Three" } }]] },
    { "stages[2].name: must be a string", "stages[3].allows: must be a list of actions" }, "stages[2] and [3]" },
  { { stages = [[{ { id = "one", name = "One", allows = "propose" } }]] },
    { "stages[1].allows: must be a list of actions" }, "allows a string" },
  { { stages = [[{ { id = "one", name = "One", allows = { "propose", 7 } } }]] },
    { "stages[1].allows: must be a list of actions" }, "an action a number" },
  { { stages = [[{ { id = "one", name = "One", allows = { "lunch", "propose", "nap" } } }]] },
    { "stages[1].allows: unknown action 'lunch' " .. ACTIONS, "stages[1].allows: unknown action 'nap' " .. ACTIONS },
    "unknown actions first and last" },
  { { stages = [[{ { id = "one", name = "One", allows = {} }, { id = "one", name = "Again", allows = {} } }]] },
    { "stages[2].id: duplicate id 'one'" }, "a duplicate stage id" },
  { { stages = [[{ { id = "a", name = "A", allows = {} }, { id = "b", name = "B", allows = {} }, { id = "a", name = "A2", allows = {} },
    { id = "b", name = "B2", allows = {} } }]] },
    { "stages[3].id: duplicate id 'a'", "stages[4].id: duplicate id 'b'" }, "two duplicates" },
  { { unagreed = [["keep"]] }, { "unagreed: must be \"drop\", \"bracket\" or \"divergent\" (unagreed text at the end)" },
    "an unknown fate" },
  { { unagreed = false }, { "unagreed: must be \"drop\", \"bracket\" or \"divergent\" (unagreed text at the end)" },
    "no unagreed" },
  { { decision = [["consensus"]] }, { "decision: must be a table {rule = ..., description = ...}" }, "decision a string" },
  { { decision = [[{ description = "x" }]] }, { "decision.rule: must be a string" }, "no decision rule" },
  { { decision = [[{ rule = "consensus" }]] }, { "decision.description: must be a string" }, "no description" },
  { { brackets = false }, { "brackets: must be a table" }, "no brackets" },
  { { brackets = (BRACKETS:gsub('style = "test",', "")) }, { "brackets.style: must be a string" }, "no bracket style" },
  { { vocabulary = false }, {}, "no vocabulary: optional" },
  { { vocabulary = [["notes"]] }, { "vocabulary: must be a list of {phrase = ..., kind = ...}" }, "vocabulary a string" },
  { { vocabulary = [[{ 1, { phrase = "b", kind = "operative" }, "c" }]] },
    { "vocabulary[1]: must be a table", "vocabulary[3]: must be a table" }, "vocabulary[1] and [3] not tables" },
  { { vocabulary = [[{ { phrase = "", kind = "operative" }, { phrase = "b", kind = "operative" } }]] },
    { "vocabulary[1].phrase: must be a non-empty string" }, "vocabulary[1] an empty phrase" },
  { { vocabulary = [[{ { phrase = "a", kind = "operative" }, { kind = "operative" } }]] },
    { "vocabulary[2].phrase: must be a non-empty string" }, "vocabulary[2] without a phrase" },
  { { vocabulary = [[{ { phrase = "a", kind = "annex" }, { phrase = "b", kind = "operative" }, { phrase = "c" } }]] },
    { "vocabulary[1].kind: must be \"preambular\" or \"operative\"", "vocabulary[3].kind: must be \"preambular\" or \"operative\"" },
    "vocabulary[1] and [3] without a kind" },
}
-- every refused bracket function
for _, name in ipairs({ "insertion", "deletion", "replacement", "alternatives", "attribution", "new_label", "ad_ref" }) do
  local broken = BRACKETS:gsub(name .. " = function", name .. " = 1, _" .. name .. " = function")
  cases[#cases + 1] = { { brackets = broken }, { "brackets." .. name .. ": must be a function" }, "brackets." .. name }
end
-- several problems at once, in the order of the fields
cases[#cases + 1] = { { api = "0", body = false, unagreed = [["x"]], decide = false },
  { "api: must be 1 (the version of the rule pack API)", "body: must be the name of the body (a string)",
    "decide: must be a function",
    "unagreed: must be \"drop\", \"bracket\" or \"divergent\" (unagreed text at the end)" }, "four problems" }

for _, c in ipairs(cases) do
  if #c[2] == 0 then
    check.eq(problems(c[1]), true, c[3])
  else
    invalid(c[1], c[2], c[3])
  end
end

-- a roster whose roles the pack does not know
do
  local roster = path .. ".roster.yaml"
  local fp = assert(io.open(roster, "w"))
  fp:write("body: Tiny Body\nroles:\n  member: Member\n  guest: Guest\n  press: Press\n",
    "parties:\n  - {code: AAA, name: A, role: member}\n  - {code: BBB, name: B, role: guest}\n",
    "  - {code: CCC, name: C, role: press}\n")
  fp:close()
  local why, code = problems({}, roster)
  check.eq(why, path .. ": roles: the roster's role 'guest' is unknown to this pack\n"
    .. path .. ": roles: the roster's role 'press' is unknown to this pack\n", "the roster's unknown roles, each")
  check.eq(code, accord.ESCHEMA, "ESCHEMA")
  os.remove(roster)
end

-- The optional fields of the procedure: may_supersede, stages_back, a stage's back.
check.eq(problems({ may_supersede = false, stages_back = false }), true, "may_supersede and stages_back are optional")
invalid({ may_supersede = [["chair"]] }, { "may_supersede: must be a function (party, ctx) -> boolean [, reason]" },
  "may_supersede: a function")
invalid({ stages_back = [["no"]] }, { "stages_back: must be a boolean (false: stages move forward only)" },
  "stages_back: a boolean")
invalid({ stages = [[{ { id = "one", name = "One", allows = { "propose" }, back = false },
    { id = "two", name = "Two", allows = { "decide" }, back = "never" } }]] },
  { "stages[2].back: must be a boolean (false: the session may not go back from it)" }, "a stage's back: a boolean")

os.remove(path)
check.done("pack_validation")
