-- s:submit with a contribution written on an older revision (issue 11): detected, or
-- given with {rev = N}; carried forward onto the latest, the changes already adopted or
-- that would undo adopted text left out and listed. Run with `accord run`.
local accord = require "accord"
local root = assert(arg[1], "usage: test_session_submit.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local seeds = root .. "/examples/wtpf-2013/"
local dir = os.tmpname()
os.remove(dir)
local path = dir .. ".session.db"
local contribution = dir .. ".contrib.txt"

local s = assert(accord.session_init(path, {
  workflow = root .. "/workflows/wtpf.lua",
  base = seeds .. "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = seeds .. "roster.yaml",
}))
local rev0 = s:text(0)

-- Rev.1: Brazil's deletion of "standardization and " in recognizing b)
check.eq(assert(s:propose("BRA", { paragraph = "p2", delete_text = "standardization and " })), "BRA/1", "BRA/1")
check.eq(s:stage("forum_wg"), "forum_wg", "to the working groups")
check.eq(s:position("BRA", "BRA/1", "support"), true, "supported")
check.eq(s:stage("plenary"), "plenary", "to the plenary")
check.eq(assert(s:decide({ amendment = "BRA/1" }))[1].to, "agreed", "agreed")
check.eq(s:revise(), 1, "Rev.1")
check.eq(s:stage("forum_wg", { back = true }), "forum_wg", "back to the working groups")

-- the United Kingdom's version of Rev.0: one change carried, one that would undo Rev.1
local text = rev0:gsub("adopted as far as possible", "adopted wherever possible")
text = text:gsub("standardization and socio%-economic", "standardization, legal and socio-economic")
local f = assert(io.open(contribution, "w"))
f:write(text)
f:close()

local ids = assert(s:submit("GBR", contribution))
check.eq(#ids, 1, "one amendment carried forward")
check.eq(ids[1], "GBR/1", "its id")
check.eq(ids.written_on, 0, "detected: written on Rev.0")
check.eq(ids.latest, 1, "carried onto Rev.1")
check.contains(ids.warning, "written on Rev.0, carried forward onto Rev.1", "the warning")
check.eq(#ids.left_out, 1, "one change left out")
check.same(ids.left_out[1], { op = "MOD", target = "p2", why = "undoes" }, "the change that would undo Rev.1")

-- given: the same with {rev = 0}; a revision the session does not have
local none, message, code = s:submit("KEN", contribution, { rev = 5 })
check.eq(none, nil, "no Rev.5")
check.contains(message, "there is no Rev.5", "the reason")
check.eq(code, accord.ENOTFOUND, "ENOTFOUND")
ids = assert(s:submit("KEN", contribution, { rev = 0 }))
check.eq(ids[1], "KEN/1", "--rev 0: the same change")
check.eq(ids.written_on, 0, "written on Rev.0, as given")

-- written on the latest revision: no warning
f = assert(io.open(contribution, "w"))
f:write((s:text(1):gsub("adopted as far as possible", "adopted where possible")))
f:close()
ids = assert(s:submit("CAN", contribution))
check.eq(ids.written_on, 1, "written on Rev.1")
check.eq(ids.warning, nil, "no warning")
check.eq(ids.left_out, nil, "nothing left out")

s:close()
os.remove(contribution)
os.remove(path)
os.remove(path .. "-wal")
os.remove(path .. "-shm")
check.done("test_session_submit")
