-- fixed.lua: agents without chance, so the outcome is known: everyone supports AAA's
-- "green"; CCC alone objects to BBB's "sovereign" (a red line), so BBB/1 is rejected in
-- every run and CCC is its only objector (pivotal); DDD says nothing.
local agent = require "agent"
local calm = { noise = 0, salience = 0 }
local function with(t) local c = {} for k, v in pairs(calm) do c[k] = v end for k, v in pairs(t) do c[k] = v end return agent.model(c) end
return {
  name = "fixed",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB.txt" },
  delegations = {
    AAA = with{ likes = { "green" } },
    BBB = with{ likes = { "green" } },
    CCC = with{ likes = { "green" }, red_lines = { "sovereign" } },
  },
}
