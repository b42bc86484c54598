-- The Lua session API method by method (lua/bind_session.c, docs/lua.md): what
-- each returns, field by field, and how each refuses bad arguments (a raised
-- "bad argument" for misuse; nil, message, code for a refusal). Also the party
-- option of accord.diff (lua/bind_amend.c). Uses the UN GA pack over the WTPF base.
local accord = require "accord"
local root = assert(arg[1], "usage: test_session_api.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"
local base_path = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt"
local roster_path = root .. "/tests/data/workflows/un-roster.yaml"
local workflow = root .. "/workflows/un_ga.lua"
local path = os.tmpname()
os.remove(path)
path = path .. ".api.db"

-- Raises with exactly `message`: "bad argument #N (reason)", without the function's name
-- (a method called through pcall is named '?').
local function raises(message, what, f, ...)
  local ok, err = pcall(f, ...)
  check.eq(ok, false, what .. " raises")
  if type(err) == "string" then err = err:gsub("^[^:]*:%d+: ", ""):gsub(" to '[^']*'", "", 1) end
  check.eq(err, message, what .. ": the message")
end

-- Refused with code and a message containing `part`.
local function refused(code, part, what, value, message, got_code)
  check.eq(value, nil, what .. ": nil")
  check.contains(message, part, what .. ": the message")
  check.eq(got_code, code, what .. ": the code")
end

-- ---- session_init ------------------------------------------------------------------
raises("bad argument #2 (workflow and base are required)", "init without a workflow",
  accord.session_init, path, { base = base_path })
raises("bad argument #2 (workflow and base are required)", "init without a base",
  accord.session_init, path, { workflow = workflow })
raises("bad argument #2 (table expected, got string)", "init options not a table",
  accord.session_init, path, "un_ga")
refused(accord.EIO, "no-such-base.txt", "a base that is not there",
  accord.session_init(path, { workflow = workflow, base = seeds .. "no-such-base.txt" }))
refused(accord.EIO, "no-such-roster.yaml", "a roster that is not there",
  accord.session_init(path, { workflow = workflow, base = base_path, roster = seeds .. "no-such-roster.yaml" }))
refused(accord.ENOTFOUND, "no-such-pack.lua", "a pack that is not there",
  accord.session_init(path, { workflow = root .. "/workflows/no-such-pack.lua", base = base_path }))
check.eq(io.open(path, "r"), nil, "no file left behind by the refusals")

local s = assert(accord.session_init(path, { workflow = workflow, base = base_path, roster = roster_path }))
check.eq(tostring(s), "accord.session (" .. workflow .. ")", "tostring names the workflow")
refused(accord.EIO, "already exists", "created twice",
  accord.session_init(path, { workflow = workflow, base = base_path, roster = roster_path }))

-- ---- stage -------------------------------------------------------------------------
check.eq(s:stage(), "zero_draft", "the first stage")
check.eq(s:stage(nil), "zero_draft", "nil: the current stage")
raises("bad argument #2 (a stage name or true (the next stage))", "stage(false)", s.stage, s, false)
refused(accord.EINVAL, "no stage 'lunch'", "an unknown stage", s:stage("lunch"))
refused(accord.ESTATE, "already at stage 'zero_draft'", "the stage it is at", s:stage("zero_draft"))
check.eq(s:stage(true), "first_reading", "true: the next stage")
-- stages move forward; going back is asked for (as accord stage --back)
check.eq(select(3, s:stage("zero_draft")), accord.ESTATE, "back without asking")
check.eq(s:stage("zero_draft", { back = true }), "zero_draft", "back, asked for")
check.eq(s:stage(true), "first_reading", "forward again")
check.eq(s:stage(true, { back = true }), "zero_draft", "back to the stage before")
check.eq(s:stage(true), "first_reading", "and forward")

-- ---- propose_text, cosponsor, withdraw ------------------------------------------------------
local p9 = "that these attempts by the UN family, such as CWG-Internet, are neither mandated nor structured to "
  .. "effectively address the overriding issues of the Internet, to develop and promulgate related public policy "
  .. "and cooperation agreements in consultation with all stakeholders in their respective roles, and to "
  .. "coordinate the relevant activities of existing initiatives;"
refused(accord.ENOTFOUND, "no paragraph 'p99' in Rev.0", "an unknown paragraph", s:propose_text("BRA", "p99", "x"))
-- the message is the whole of it: no stray position before it
check.eq(select(2, s:propose_text("BRA", "p99", "x")), "no paragraph 'p99' in Rev.0", "the message exactly")
check.eq(select(2, s:stage("lunch")), "no stage 'lunch' in " .. workflow
  .. " (stages: zero_draft, first_reading, rev1, second_reading, informals, adoption)", "the stage refusal exactly")
refused(accord.EREFUSED, "only Member States submit proposals", "an observer proposes",
  s:propose_text("VAT", "p9", (p9:gsub("neither", "not", 1))))
refused(accord.EEMPTY, "", "the same text", s:propose_text("BRA", "p9", p9))
check.eq(s:propose_text("BRA", "p9", (p9:gsub("neither mandated", "neither clearly mandated", 1))), "BRA/1", "BRA/1")
check.eq(s:propose_text("USA", "p9", (p9:gsub("structured", "properly structured", 1))), "USA/1", "USA/1")
check.eq(s:propose_text("BRA", "p9", (p9:gsub("coordinate", "better coordinate", 1))), "BRA/2", "BRA/2")
raises("bad argument #5 (table expected, got string)", "supersedes not a table",
  s.propose_text, s, "USA", "p9", p9, "BRA/1")
do
  local many = {}
  for i = 1, 65 do many[i] = "BRA/" .. i end
  raises("bad argument #5 (at most 64 amendments superseded at once)", "65 superseded",
    s.propose_text, s, "USA", "p9", p9, many)
end
check.eq(s:cosponsor("USA", "BRA/1"), true, "USA co-sponsors BRA/1")
refused(accord.EREFUSED, "only Member States", "an observer co-sponsors", s:cosponsor("VAT", "BRA/1"))
refused(accord.ENOTFOUND, "BRA/9", "co-sponsoring what is not there", s:cosponsor("USA", "BRA/9"))
refused(accord.EREFUSED, "only its proposer", "a withdrawal by someone else", s:withdraw("KEN", "BRA/2"))
check.eq(s:withdraw("BRA", "BRA/2"), true, "withdrawn by its proposer")
refused(accord.ESTATE, "", "withdrawn twice", s:withdraw("BRA", "BRA/2"))

-- ---- comment ------------------------------------------------------------------------------
check.eq(s:comment("VAT", "p9", "an observer's remark"), 1, "comment 1, on a paragraph")
check.eq(s:comment("USA", "BRA/1", "on the amendment"), 2, "comment 2, on an amendment")
check.eq(s:comment("BRA", nil, "on the text as a whole"), 3, "comment 3, on the text")
refused(accord.ENOTFOUND, "p99", "a comment on nothing", s:comment("BRA", "p99", "x"))

-- ---- amendments ----------------------------------------------------------------------------
local list = s:amendments()
check.eq(#list, 3, "three amendments")
check.eq(list[1].id, "BRA/1", "1: id")
check.eq(list[1].op, "MOD", "1: op")
check.eq(list[1].target, "p9", "1: target")
check.eq(list[1].state, "proposed", "1: state")
check.eq(list[1].proposers, "BRA,USA", "1: proposers, the co-sponsor after the proposer")
check.eq(list[1].revision, 0, "1: against Rev.0")
check.eq(list[1].incorporated, nil, "1: not in a revision")
check.contains(list[1].json, '"id": "BRA/1"', "1: its JSON")
check.eq(list[2].id, "USA/1", "2: id")
check.eq(list[3].id, "BRA/2", "3: id")
check.eq(list[3].state, "withdrawn", "3: withdrawn")
check.eq(#s:amendments("withdrawn"), 1, "one withdrawn")
check.eq(#s:amendments("proposed"), 2, "two proposed")
check.eq(#s:amendments("agreed"), 0, "none agreed")
raises("bad argument #2 (not an amendment state)", "an unknown state", s.amendments, s, "open")

-- ---- decide --------------------------------------------------------------------------------
raises("bad argument #2 (give amendment or paragraph, not both)", "both scopes",
  s.decide, s, { amendment = "BRA/1", paragraph = "p9" })
refused(accord.EREFUSED, "", "a decision at the first reading", s:decide())
check.eq(s:stage("second_reading"), "second_reading", "the second reading")
do
  local none, msg, code = s:comment("BRA", "p9", "a remark")
  check.eq(none, nil, "no comments at the second reading")
  check.eq(msg, "BRA may not comment: the second_reading stage (Second reading: removing brackets, agreed ad ref) "
    .. "does not take comments; stages that do: zero_draft, first_reading", "the stage's refusal, exactly")
  check.eq(code, accord.EREFUSED, "EREFUSED")
end
refused(accord.ENOTFOUND, "no open amendment on paragraph 'p1'", "nothing open on p1", s:decide({ paragraph = "p1" }))
refused(accord.ENOTFOUND, "no amendment 'BRA/9'", "no such amendment", s:decide({ amendment = "BRA/9" }))
refused(accord.EINVAL, "a position is support, object, abstain or reserve, not 'maybe'", "a position that is not one",
  s:position("USA", "BRA/1", "maybe"))
check.eq(s:position("KEN", "BRA/1", "support"), true, "KEN supports BRA/1")
check.eq(s:position("USA", "USA/1", "support"), true, "USA supports USA/1")
local decided = assert(s:decide({ paragraph = "p9" }))
check.eq(#decided, 2, "both open amendments on p9")
check.eq(decided[1].amendment, "BRA/1", "1: the amendment")
check.eq(decided[1].from, "proposed", "1: from")
check.eq(decided[1].to, "agreed", "1: to")
check.eq(decided[1].outcome, "agreed", "1: the outcome")
check.eq(decided[1].rule, "consensus first; otherwise a recorded vote: simple majority of members present and voting, "
  .. "two-thirds for important questions; abstentions not counted; a tie rejects", "1: the rule, in the pack's words")
check.contains(decided[1].tally, '"support":1,"object":0', "1: the tally")
check.eq(decided[2].amendment, "USA/1", "2: the amendment")
check.eq(decided[2].to, "agreed", "2: to")
refused(accord.ENOTFOUND, "no open amendment to decide", "nothing left", s:decide())

-- ---- revise, text ----------------------------------------------------------------------------
local rev0 = s:text(0)
check.eq(s:text(), rev0, "the latest is Rev.0")
local revised, done = s:revise()
check.eq(revised, 1, "Rev.1")
check.eq(done.applied, 2, "what the revision did: applied")
check.eq(done.lapsed, 0, "what the revision did: lapsed")
-- nothing agreed since Rev.1: no empty Rev.2 unless asked for
refused(accord.EEMPTY, "nothing was agreed since Rev.1", "an empty revision", s:revise())
check.eq(s:text(2), nil, "no Rev.2 was written")
local rev1 = s:text()
check.eq(s:text(1), rev1, "text(1) is the latest")
check.eq(s:text(-1), rev1, "text(-1) is the latest")
check.eq(s:text(0), rev0, "Rev.0 kept")
check.contains(rev1, "neither clearly mandated nor properly structured", "both agreed amendments in Rev.1")
check.eq(s:amendments("agreed")[1].incorporated, 1, "incorporated in Rev.1")
check.eq(s:text(1, "json"):sub(1, 1), "{", "JSON")
check.contains(s:text(1, "html"), "<", "HTML")
check.contains(s:text(1, "yaml"), "sections:", "YAML")
check.contains(s:text(1, "md"), "neither clearly mandated", "Markdown")
raises("bad argument #3 (text, md, yaml, json, html or outline)", "an unknown format", s.text, s, 1, "pdf")
raises("bad argument #2 (a revision number)", "revision -2", s.text, s, -2)
refused(accord.ENOTFOUND, "no revision 5", "a revision not issued", s:text(5))

-- ---- events, status, replay ----------------------------------------------------------------
local events = s:events()
local actions = {}
for i, ev in ipairs(events) do
  check.eq(ev.seq, i, "event " .. i .. ": its number")
  check.ok(ev.at:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d%.%d%d%dZ$"), "event " .. i .. ": UTC time " .. ev.at)
  check.eq(ev.payload:sub(1, 1), "{", "event " .. i .. ": a JSON payload")
  actions[i] = ev.actor .. " " .. ev.action
end
check.eq(table.concat(actions, ", "), "chair init, chair stage, chair stage, chair stage, chair stage, chair stage, "
  .. "BRA propose, USA propose, BRA propose, USA cosponsor, "
  .. "BRA withdraw, VAT comment, USA comment, BRA comment, chair stage, KEN position, USA position, chair decide, "
  .. "chair revise", "the log")
check.contains(s:status(), '"stage":"second_reading"', "status: the stage")
check.contains(s:status(), '"revision":1', "status: the revision")
check.contains(s:status(), '"comments":3', "status: the comments")
check.eq(s:replay(), true, "the tables match the log")
s:close()
check.eq(tostring(s), "accord.session (closed)", "closed")
check.eq(pcall(s.status, s), false, "a closed session raises")
s:close()

-- opened again with an explicit pack
local again = assert(accord.session_open(path, { workflow = workflow }))
check.eq(again:stage(), "second_reading", "the stage is kept")
check.eq(#again:amendments(), 3, "the amendments are kept")
again:close()

-- ---- accord.diff's party option ----------------------------------------------------------------
local base = assert(accord.parse_file(base_path))
local usa = assert(accord.parse_file(seeds .. "contrib-USA.txt"))
raises("bad argument #3 (a party code cannot be empty)", "party ''", accord.diff, base, usa, { party = "" })
for _, party in ipairs({ "US/A", "/", "USA/", "US,A", "US A", "US\tA" }) do
  raises("bad argument #3 (a party code has no '/', ',', blank or control character ('" .. party .. "'))",
    "party '" .. party .. "'", accord.diff, base, usa, { party = party })
end
raises("bad argument #3 (table expected, got string)", "options not a table", accord.diff, base, usa, "USA")
local diff = assert(accord.diff(base, usa, { party = "USA" }))
check.ok(#diff > 3, "the USA's amendments")
local first = diff[1]
check.eq(first.id, "USA/1", "ids carry the party")

os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("session_api")
