-- Drafting sessions from Lua: the WTPF example through the accord module
-- (init with the wtpf pack and the roster, submit, positions, decide, Rev.1,
-- replay) and the refusals in the pack's words. Run with `accord run`.
local accord = require "accord"
local root = assert(arg[1], "usage: test_session.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"
local dir = os.tmpname()
os.remove(dir)
local path = dir .. ".session.db"

local s = assert(accord.session_init(path, {
  workflow = root .. "/workflows/wtpf.lua",
  base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = seeds .. "roster.yaml",
}))
check.eq(s:stage(), "preparation", "the first stage of the wtpf pack")

local irn = assert(s:submit("IRN", seeds .. "contrib-IRN.txt"))
local usa = assert(s:submit("USA", seeds .. "contrib-USA.txt"))
check.eq(irn[1], "IRN/1", "IRN's ids")
check.eq(usa[3], "USA/3", "USA's ids")
check.eq(#usa.parties, 1, "a text file: one party's submission")
check.eq(usa.parties[1].party, "USA", "its party")
check.eq(#usa.parties[1].ids, #usa, "with all the ids")
local s_compiled = s:compile():render()
local none, message, code = s:submit("XYZ", seeds .. "contrib-USA.txt")
check.eq(none, nil, "an unknown party is refused")
check.contains(message, "not a party", "the reason")
check.eq(code, accord.EREFUSED, "EREFUSED")

-- a hand proposal, withdrawn by someone else: refused; by its proposer: done
local base_text = s:text(0)
local id = assert(s:propose_text("BRA", "p13", "Member States and Sector Members to support and contribute to the work."))
check.eq(id, "BRA/1", "a proposal by hand")
local ok, why = s:withdraw("IRN", id)
check.eq(ok, nil, "a withdrawal by someone else")
check.contains(why, "only its proposer", "the reason")
check.eq(s:withdraw("BRA", id), true, "withdrawn by its proposer")

-- positions: not during the preparation (its allows has no "object"), then in the Forum's
-- working groups; a decision outside its stage, then at the plenary
local early, early_reason, early_code = s:position("USA", "USA/3", "support")
check.eq(early, nil, "no positions during the preparation")
check.contains(early_reason, "does not take positions; stages that do: forum_wg, plenary", "the stage's reason")
check.eq(early_code, accord.EREFUSED, "EREFUSED")
check.eq(s:stage("forum_wg"), "forum_wg", "to the working groups")
check.eq(s:position("USA", "USA/3", "support"), true, "a position")
check.eq(s:position("IRN", "USA/3", "support"), true, "a position")
check.eq(s:position("USA", "IRN/3", "object"), true, "an objection")
local refused, stage_reason = s:decide()
check.eq(refused, nil, "no decision before the plenary")
check.contains(stage_reason, "does not take decisions", "the stage's reason")
check.eq(s:stage("plenary"), "plenary", "to the plenary")
local decided = assert(s:decide({ amendment = "USA/3" }))
check.eq(decided[1].to, "agreed", "USA/3 agreed")
check.contains(decided[1].tally, '"support":2', "the tally")
decided = assert(s:decide({ amendment = "IRN/3" }))
check.eq(decided[1].to, "rejected", "no consensus: dropped (WTPF)")
local again, state_reason, state_code = s:decide({ amendment = "USA/3" })
check.eq(again, nil, "an agreed amendment is not decided again")
check.eq(state_code, accord.ESTATE, "ESTATE")

-- Rev.1
check.eq(s:revise(), 1, "Rev.1")
local rev1 = s:text()
-- USA/3 (the only agreed amendment): "article" became "paragrapharticle" in recognizing a)
local expected, n = base_text:gsub("per article 37 of the Tunis Agenda", "per paragrapharticle 37 of the Tunis Agenda", 1)
check.eq(n, 1, "recognizing a) is in the base")
check.eq(rev1, expected, "Rev.1 is the base with USA/3")
check.eq(s:text(0), base_text, "Rev.0 stays")
local agreed = s:amendments("agreed")
check.eq(#agreed, 1, "one agreed amendment")
check.eq(agreed[1].incorporated, 1, "incorporated in Rev.1")
local events = s:events()
check.eq(events[1].action, "init", "the log starts with init")
check.eq(events[#events].action, "revise", "and ends with the revision")
check.contains(s:status(), '"revision":1', "status")
check.eq(s:replay(), true, "the tables match the log")
s:close()

-- open again, the workflow found from the recorded path
local again_s = assert(accord.session_open(path))
check.eq(again_s:stage(), "plenary", "the stage is kept")
again_s:close()
local closed_ok = pcall(function() return again_s:stage() end)
check.eq(closed_ok, false, "a closed session raises")
local missing, _, missing_code = accord.session_open(dir .. ".missing.db")
check.eq(missing, nil, "no such session")
check.eq(missing_code, accord.EIO, "EIO")

-- s:revise() under the pack's renumbering (only the CLI applied it): the wtpf pack with
-- renumber = "revision", a new paragraph (typed without a label) after recognizing d): labelled and
-- the list renumbered, not left unlabelled nor "d bis)"
local wtpf = assert(io.open(root .. "/workflows/wtpf.lua")):read("a")
local renumbering, changed = wtpf:gsub('renumber = "adoption"', 'renumber = "revision"', 1)
check.eq(changed, 1, "the wtpf pack renumbers at adoption")
local pack_path = dir .. "-renumber.lua"
local f = assert(io.open(pack_path, "w"))
f:write(renumbering)
f:close()
local rpath = dir .. "-renumber.session.db"
local r = assert(accord.session_init(rpath, {
  workflow = pack_path,
  base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = seeds .. "roster.yaml",
}))
local added = assert(r:propose("BRA", { add_paragraph = "that a new paragraph comes here;", after = "p4" }))
check.eq(r:stage("forum_wg"), "forum_wg", "to the working groups")
check.eq(r:stage("plenary"), "plenary", "to the plenary")
check.eq(assert(r:decide({ amendment = added }))[1].to, "agreed", "nobody objects")
check.eq(r:revise(), 1, "Rev.1")
local renumbered = r:text()
check.contains(renumbered, "e)\tthat a new paragraph comes here;\n", "the new paragraph is e)")
check.contains(renumbered, "f)\tthat, per article 69", "the old e) is f)")
check.eq(renumbered:find("d bis)", 1, true), nil, "no bis label when the pack renumbers")
r:close()
for _, suffix in ipairs({ "", "-wal", "-shm" }) do os.remove(rpath .. suffix) end
os.remove(pack_path)

-- a Word file is read as the CLI reads it (its text; it was read as bytes and refused for its NULs)
do
  local wpath = dir .. ".word.db"
  local w = assert(accord.session_init(wpath, {
    workflow = root .. "/workflows/wtpf.lua",
    base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
    roster = seeds .. "roster.yaml",
  }))
  local base = assert(io.open(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt")):read("a")
  local ken = assert(accord.parse(base:gsub("as far as possible", "wherever possible"), { name = "ken.txt" }))
  local docx_path = dir .. ".ken.docx"
  local f = assert(io.open(docx_path, "wb"))
  f:write(assert(ken:render("docx")))
  f:close()
  local ids = assert(w:submit("KEN", docx_path))
  check.eq(#ids, 1, "one amendment from the Word file")
  check.contains(w:compile():render(), "[MOD KEN/1 (KEN): wherever] possible", "its change is in the compilation")
  w:close()
  for _, suffix in ipairs({ "", "-wal", "-shm" }) do os.remove(wpath .. suffix) end
  os.remove(docx_path)
end

-- a compilation exported as Word (each delegation's proposals as its tracked changes) and submitted by
-- one party is split by author: IRN's and USA's amendments, as if each had submitted its own text
do
  local c = assert(accord.consolidate{
    base = assert(accord.parse_file(seeds .. "base-wtpf-ieg-2-10-opinion-1.txt")),
    contributions = { IRN = seeds .. "contrib-IRN.txt", USA = seeds .. "contrib-USA.txt" },
  })
  local docx_path = dir .. ".comp.docx"
  local f = assert(io.open(docx_path, "wb"))
  f:write(assert(c:render("docx")))
  f:close()
  local spath = dir .. ".split.db"
  local w = assert(accord.session_init(spath, {
    workflow = root .. "/workflows/wtpf.lua",
    base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
    roster = seeds .. "roster.yaml",
  }))
  local got = assert(w:submit("GBR", docx_path))
  check.eq(#got.parties, 2, "two parties from one file")
  check.eq(got.parties[1].party, "IRN", "IRN first, in order of appearance")
  check.eq(got.parties[2].party, "USA", "then USA")
  check.eq(#got.parties[1].ids, #irn, "IRN's amendments, as many as from its text")
  check.eq(#got.parties[2].ids, #usa, "USA's amendments, as many as from its text")
  check.eq(#got, #irn + #usa, "the top-level ids are all of theirs")
  check.eq(got.parties[2].ids[1], "USA/1", "each party numbers its own")
  check.eq(w:compile():render(), s_compiled, "the same compilation as from the two texts")
  w:close()
  for _, suffix in ipairs({ "", "-wal", "-shm" }) do os.remove(spath .. suffix) end
  os.remove(docx_path)
end

os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("test_session")
