-- compromise.lua: the compromise path, without chance. BBB's amendment makes two edits to
-- invites a) ("of us", "with sovereign care"); CCC's red line is "sovereign", and it offers
-- the amendment without it. In the working group BBB tables that text (BBB/2, co-sponsored
-- by CCC) in place of BBB/1, and the plenary agrees it: BBB/1 survives as a compromise in
-- every run, and the text reads "all of us to read it."
local agent = require "agent"
local calm = { noise = 0, salience = 0 }
local function with(t) local c = {} for k, v in pairs(calm) do c[k] = v end for k, v in pairs(t) do c[k] = v end return agent.model(c) end
return {
  name = "compromise",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB-two-edits.txt" },
  delegations = {
    AAA = with{ likes = { "green" } },
    BBB = with{ likes = { "green" } },
    CCC = with{ likes = { "green" }, red_lines = { "sovereign" }, compromise = true },
  },
}
