-- accord.simulate (lua/module/bind_simulate.c, docs/simulation.md): the scenario with a known
-- outcome, the same seed giving the same result, shards merged, the transcript, and failures
-- returned as nil, message, code.
local accord = require "accord"
local root = assert(arg[1], "usage: test_simulate.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")
local data = root .. "/tests/data/simulate/"

local r = assert(accord.simulate{ scenario = data .. "fixed.lua", runs = 3 })
check.eq(r.accord, "simulation/1", "the result's schema")
check.eq(r.runs_done, 3, "three runs")
local by_id = {}
for _, a in ipairs(r.amendments) do by_id[a.id] = a end
check.eq(by_id["AAA/1"].outcomes.agreed, 3, "AAA/1 agreed in every run")
check.eq(by_id["BBB/1"].outcomes.rejected, 3, "BBB/1 rejected in every run")
local pivotal = {}
for _, p in ipairs(r.pivotal) do pivotal[p.party] = p.count end
check.eq(pivotal.CCC, 3, "CCC the only objector to BBB/1, three times")

-- compromise texts: an offered text for a MOD, and a new paragraph without the sentence objected to
local o, ot = assert(accord.simulate{ scenario = data .. "offers.lua", runs = 2, transcript = true })
local offers = {}
for _, a in ipairs(o.amendments) do offers[a.id] = a end
check.eq(offers["BBB/1"].outcomes.compromise, 2, "BBB/1 ends as CCC's text in both runs")
check.eq(offers["DDD/1"].outcomes.compromise, 2, "DDD/1 ends without its sovereign sentence")
check.eq(offers["BBB/1"].p_survives, 1, "a compromise counts as surviving")
check.eq(offers["BBB/1"].p_agreed, 0, "but not as agreed as proposed")
check.contains(ot, "a)\tall to read it twice.\n", "CCC's text is adopted")
check.contains(ot, "b)\tall to write.\n", "DDD's paragraph keeps its first sentence")
check.eq(ot:find("sovereign style", 1, true), nil, "and loses the one CCC objected to")

-- the chair's compromise (chair.lua): the edit both alternatives make, tabled and agreed
local ch, cht = assert(accord.simulate{ scenario = data .. "chair.lua", runs = 3, transcript = true })
local chair_items = {}
for _, a in ipairs(ch.amendments) do chair_items[a.id] = a end
check.eq(chair_items["AAA/1"].outcomes.compromise, 3, "AAA/1 ends as the chair's text in every run")
check.eq(chair_items["BBB/1"].outcomes.compromise, 3, "BBB/1 too (withdrawn in its favour)")
check.contains(cht, "chair's compromise on p3 (the edits every alternative makes): AAA/2, tabled by AAA, "
  .. "co-sponsored by BBB, supersedes AAA/1; withdrawn in its favour: BBB/1\n", "the transcript names the chair's text")
check.contains(cht, "decided: AAA/2 agreed", "the plenary agrees it")
check.contains(cht, "a)\tall of us to read it.\n", "the final text: the words both alternatives keep")
-- without the chair, both are rejected
local nc = assert(accord.simulate{ scenario = data .. "nochair.lua", runs = 2 })
for _, a in ipairs(nc.amendments) do check.eq(a.outcomes.rejected, 2, a.id .. " rejected without the chair") end
-- a pack whose working group takes no compromise texts refuses it
local rf, rft = assert(accord.simulate{ scenario = data .. "chair-refused.lua", runs = 2, transcript = true })
for _, a in ipairs(rf.amendments) do check.eq(a.outcomes.rejected, 2, a.id .. " rejected when the pack refuses the chair") end
check.contains(rft, "chair's compromise on p3 (replacing AAA/1, BBB/1): not tabled (AAA may not propose: the "
  .. "working_group stage (Working group: no compromise texts) does not take compromise texts", "the transcript says why")
check.eq(rft:find("AAA/2", 1, true), nil, "nothing tabled")
-- a chair answering nonsense
local bad, bad_message, bad_code = accord.simulate{ scenario = data .. "chair-bad.lua" }
check.eq(bad, nil, "a chair answering a number fails")
check.contains(bad_message, "chair on p3 (run 1) answered a number", "naming the chair, the paragraph and the run")
check.eq(bad_code, accord.ESCHEMA, "with ESCHEMA")

-- pivotal under a vote (vote.lua, un_ga): the votes whose switch would have turned it
local v = assert(accord.simulate{ scenario = data .. "vote.lua", runs = 2 })
local piv = {}
for _, p in ipairs(v.pivotal) do piv[p.party] = p end
local item = {}
for i, a in ipairs(v.amendments) do item[a.id] = i end
check.eq(piv.AAA.count, 2, "AAA: its yes carried AAA/1, twice")
check.eq(piv.BBB.count, 2, "BBB: the same")
check.eq(piv.CCC.count, 2, "CCC: its no kept BBB/1 out, twice")
check.eq(piv.DDD.count, 2, "DDD: the same, at the recorded vote")
check.eq(piv.CCC.amendments[item["AAA/1"]], 0, "CCC's no on the adopted AAA/1 turned nothing")
check.eq(piv.AAA.amendments[item["BBB/1"]], 0, "AAA abstained on BBB/1: not pivotal")
check.eq(v.amendments[item["AAA/1"]].outcomes.agreed, 2, "AAA/1 adopted by vote")
check.eq(v.amendments[item["BBB/1"]].outcomes.rejected, 2, "BBB/1 rejected by the recorded vote")

local a1, t1 = accord.simulate{ scenario = data .. "noisy.lua", runs = 4, seed = 11, transcript = true }
local a2, t2 = accord.simulate{ scenario = data .. "noisy.lua", runs = 4, seed = 11, jobs = 2, transcript = true }
check.eq(t1, t2, "the same seed, the same transcript")
for i, a in ipairs(a1.amendments) do
  check.eq(a.outcomes.agreed, a2.amendments[i].outcomes.agreed, a.id .. ": the same aggregate with two jobs")
end

for k = 1, 2 do
  local part = assert(accord.simulate{ scenario = data .. "noisy.lua", runs = 4, seed = 11, shard = k .. "/2" })
  check.eq(part.runs_done, 2, "a shard runs its half")
end
-- parts are files written by `accord simulate --shard`; here through the CLI's JSON is not
-- at hand, so merge is checked by the CLI test (tests/cli/simulate.sh).

local none, message, code = accord.simulate{ scenario = data .. "missing.lua" }
check.eq(none, nil, "a missing scenario gives nil")
check.contains(message, "missing.lua", "the message names the file")
check.eq(code, accord.EIO, "and the code EIO")
local ok, raised = pcall(accord.simulate, { scenario = data .. "fixed.lua", runs = 0 })
check.eq(ok, false, "runs = 0 raises")
check.contains(raised, "runs must be", "and says why")
check.done("test_simulate")
