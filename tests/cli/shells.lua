-- shells.lua: the session of shells.sh, through the Lua module instead of the command
-- line (run from another working folder by `accord run` and by stock lua5.4). Writes
-- the outputs that shells.sh compares byte for byte with the command line's.
-- Arguments: SESSION OUTDIR BASE IRN USA ROSTER
local accord = require "accord"
local path, outdir, base, irn, usa, roster = table.unpack(arg, 1, 6)

local function write(name, text)
  local f = assert(io.open(outdir .. "/" .. name, "wb"))
  f:write(text)
  f:close()
end

local s = assert(accord.session_init(path, { workflow = "wtpf", base = base, roster = roster }))
assert(s:submit("IRN", irn))
assert(s:submit("USA", usa))
assert(s:propose("BRA", { paragraph = "p13", insert = "and developing countries", after_text = "Sector Members" }) == "BRA/1")
assert(s:propose("BRA", { add_paragraph = "to report on progress to the next Forum.", after = "p13", label = "c)" })
  == "BRA/2")
assert(s:propose("CHN", { paragraph = "p12", replace = "the Secretary-General", with = "the ITU Secretary-General" })
  == "CHN/1")
assert(s:propose("CAN", { delete_paragraph = "p11" }) == "CAN/1")
assert(s:cosponsor("CAN", "BRA/1"))
-- Refusals say what the command line says, as expected failures.
local id, message, code = s:propose("BRA", { paragraph = "p13", replace = "no such words", with = "x" })
assert(id == nil and code == accord.ENOTFOUND and message:find('does not contain "no such words"', 1, true), message)
id, message, code = s:propose("BRA", { paragraph = "p13" })
assert(id == nil and code == accord.EINVAL, message)
write("compile-0.txt", assert(s:compile()):render("text"))
write("compile-0.html", assert(s:compile()):render("html"))
write("outline-0.txt", assert(s:text(nil, "outline")))
assert(s:stage("forum_wg"))
assert(s:position("USA", "BRA/1", "support"))
assert(s:position("IRN", "CHN/1", "object"))
assert(s:stage("plenary"))
assert(s:decide({ amendment = "BRA/1" }))
assert(s:decide({ amendment = "CHN/1" }))
assert(s:revise() == 1)
write("rev1.txt", assert(s:text(1, "text")))
write("compile-1.txt", assert(s:compile()):render("text"))
s:close()

-- Opened again from here, the session finds its pack by the name it recorded.
local again = assert(accord.session_open(path))
write("compile-1-reopened.txt", assert(again:compile()):render("text"))
again:close()
