-- The WTPF pack (PP Res. 2): consensus, no vote, no new draft opinion at the Forum.
local accord = require "accord"
local root = assert(arg[1], "usage: test_wtpf.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local roster_path = root .. "/examples/wtpf-2013/roster.yaml"

local pack = assert(accord.workflow_load(root .. "/workflows/wtpf.lua", { roster = roster_path }))
check.ok(pack:validate(), "the pack is valid")
local roster = assert(accord.roster_load(roster_path))

local function all(position)
  local p = {}
  for _, party in ipairs(roster:parties()) do p[party.code] = position end
  return p
end

-- consensus
local d = assert(pack:decide(all("support"), { stage = "plenary" }))
check.eq(d.outcome, "agreed", "all support: adopted by consensus")
check.eq(d.tally.support, 24, "24 participants support")
-- one objection: bracketed while negotiating, dropped at the Plenary
local p = all("support")
p.IRN = "object"
d = assert(pack:decide(p, { stage = "forum_wg" }))
check.eq(d.outcome, "bracketed", "an objection in a working group: bracketed")
d = assert(pack:decide(p, { stage = "plenary" }))
check.eq(d.outcome, "rejected", "no consensus at the Plenary: dropped")
check.contains(d.note, "dropped", "the note")
-- a Sector Member's objection counts too (both take part)
p = all("support")
p.ISOC = "object"
d = assert(pack:decide(p, { stage = "plenary" }))
check.eq(d.outcome, "rejected", "a Sector Member's objection blocks consensus")
-- a reservation joins the consensus
p = all("support")
p.USA = "reserve"
d = assert(pack:decide(p, { stage = "plenary" }))
check.eq(d.outcome, "agreed", "a reservation joins")
check.eq(d.tally.reserve, 1, "one reservation")

-- who proposes
check.eq((pack:may_propose("ISOC", { stage = "forum_wg" })), true, "a Sector Member proposes")
check.eq((pack:may_propose("BRA", { stage = "preparation", new_item = true })), true,
  "a new draft opinion in the preparatory period")
local allowed, reason = pack:may_propose("BRA", { stage = "forum_wg", new_item = true })
check.eq(allowed, false, "no new draft opinion at the Forum")
check.contains(reason, "no new draft opinion", "the reason")
allowed = pack:may_propose("BRA", { stage = "plenary", new_item = true })
check.eq(allowed, false, "nor at the Plenary")
check.eq((pack:may_propose("USA", { stage = "report" })), false, "no proposals on the Chairman's report")
allowed, reason = pack:may_vote("USA", { stage = "plenary" })
check.eq(allowed, false, "no vote at the WTPF")
check.contains(reason, "consensus", "the reason")
local none, msg = pack:may_propose("USA", { stage = "lunch" })
check.eq(none, nil, "an unknown stage is a script error")
check.contains(msg, "unknown stage", "the message")
-- a guest (not in the roster as a participant) given as a table
allowed = pack:may_propose({ code = "GUEST", name = "A guest", role = "guest", groups = {} })
check.eq(allowed, false, "a guest does not propose")

-- brackets (ITU compilation style) and the rest of the API
check.eq(pack:bracket("insertion", "and all stakeholders", { "USA" }), "[USA: and all stakeholders]", "insertion")
check.eq(pack:bracket("deletion", "as far as possible", "IRN"), "[as far as possible] (IRN: delete)", "deletion")
check.eq(pack:bracket("replacement", "governments", "all stakeholders", { "USA" }),
  "[governments] [USA: all stakeholders]", "replacement")
check.eq(pack:bracket("alternatives", { "a", "b" }), "Option 1: [a]\nOption 2: [b]", "options")
check.eq(pack:bracket("new_label", "a)", 1), "a bis)", "a new paragraph after a)")
local info = pack:info()
check.eq(info.unagreed, "drop", "unagreed text is dropped")
check.eq(info.decision.rule, "consensus", "decision rule")
check.eq(info.bracket_style, "itu", "bracket style")
check.ok(#info.cites >= 2, "sources cited")
check.done("wtpf")
