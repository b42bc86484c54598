-- The default chair of simulated rounds (workflows/lib/chair.lua) on hand-made alternatives:
-- the edits every alternative makes, the alternative with the widest support, an amendment
-- without its objectors' contested words, the order of strategies, and bad configurations.
local root = assert(arg[1], "usage: test_chair.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
package.path = root .. "/workflows/lib/?.lua;" .. package.path
local chair = require "chair"
local agent = require "agent"

local para = { id = "p3", text = "all to read it." }
-- two MODs of "all to read it.": both insert "of us" after "all"; A adds "carefully", B "with sovereign care"
local A = { id = "AAA/1", op = "MOD", result = "all of us to read it carefully.", edits = {
  { at = 1, count = 0, deleted = "", inserted = " of us" },
  { at = 6, count = 0, deleted = "", inserted = " carefully" } } }
local B = { id = "BBB/1", op = "MOD", result = "all of us to read it with sovereign care.", edits = {
  { at = 1, count = 0, deleted = "", inserted = " of us" },
  { at = 6, count = 0, deleted = "", inserted = " with sovereign care" } } }
local C = { id = "CCC/1", op = "MOD", result = "all to read it twice.", edits = {
  { at = 6, count = 0, deleted = "", inserted = " twice" } } }
local ctx = { round = 1, stage = "forum_wg", run = 1 }

-- common: the edit both make
local c = chair.model{}
local r = c(para, { A, B }, { ["AAA/1"] = { DDD = "object" }, ["BBB/1"] = { CCC = "object" } }, ctx)
check.eq(r.from, "AAA/1", "common: made from the first alternative")
check.same(r.edits, { 1 }, "common: its first edit, the one B makes too")
check.eq(r.replaces, nil, "common: replaces them all")

-- no edit in common: the alternative with the fewest objections (a reservation a quarter)
r = c(para, { A, C }, { ["AAA/1"] = { DDD = "object", BBB = "reserve" }, ["CCC/1"] = { BBB = "reserve" } }, ctx)
check.eq(r.from, "CCC/1", "widest: the one with fewer objections")
check.same(r.edits, { 1 }, "widest: with all its edits")
check.contains(r.why, "widest support: CCC/1", "widest: says which")
-- the same objections: no text
r = c(para, { A, C }, { ["AAA/1"] = { DDD = "object" }, ["CCC/1"] = { BBB = "object" } }, ctx)
check.eq(r, nil, "widest: nothing when they are as contested")

-- one amendment objected to: without the words the objector's red lines name (agent.model agents)
local agents = { CCC = agent.model{ red_lines = { "sovereign" } } }
r = c(para, { B }, { ["BBB/1"] = { CCC = "object", AAA = "support" } }, { round = 1, agents = agents })
check.eq(r.from, "BBB/1", "without: made from the amendment")
check.same(r.edits, { 1 }, "without: keeps the edit without 'sovereign'")
check.same(r.replaces, { "BBB/1" }, "without: replaces only it")
-- an agent that is a plain function: no red lines known; the chair's own contested words count
r = c(para, { B }, { ["BBB/1"] = { CCC = "object" } }, { round = 1, agents = { CCC = function() return "object" end } })
check.eq(r, nil, "without: nothing known to be contested")
r = chair.model{ contested = { "SOVEREIGN" } }(para, { B }, { ["BBB/1"] = { CCC = "object" } }, { round = 1 })
check.same(r and r.edits, { 1 }, "without: the chair's contested phrases, in any case")
-- every edit contested: no text
r = chair.model{ contested = { "of us", "sovereign" } }(para, { B }, { ["BBB/1"] = { CCC = "object" } }, { round = 1 })
check.eq(r, nil, "without: nothing when every edit has the words")

-- the order of strategies, and from_round
r = chair.model{ strategies = { "widest", "common" } }(para, { A, C },
  { ["AAA/1"] = { DDD = "object" }, ["CCC/1"] = {} }, ctx)
check.eq(r.from, "CCC/1", "strategies in the order given")
check.eq(chair.model{ from_round = 2 }(para, { A, B }, {}, ctx), nil, "from_round: silent before")

-- agent.config: what agent.model read
check.same(agent.config(agents.CCC).red_lines, { "sovereign" }, "agent.config gives the red lines")
check.eq(agent.config(function() end), nil, "agent.config: nil for other agents")

-- bad configurations
local ok, message = pcall(chair.model, { strategies = { "vote" } })
check.eq(ok, false, "an unknown strategy raises")
check.contains(message, "common, widest or without", "and names the strategies")
ok, message = pcall(chair.model, { contested = { "" } })
check.contains(message, "contested[1] must be a non-empty string", "an empty phrase raises")
check.done("test_chair")
