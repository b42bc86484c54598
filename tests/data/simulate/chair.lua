-- chair.lua: the chair's compromise, without chance. AAA and BBB both amend invites a) ("all
-- of us to read it carefully.", "all of us to read it with sovereign care."); DDD dislikes
-- "carefully" and objects to AAA/1, CCC's red line is "sovereign" and it objects to BBB/1.
-- Neither offers a text. In the working group the chair tables the edit both alternatives
-- make ("of us"): AAA/2, tabled by AAA and co-sponsored by BBB, supersedes AAA/1 and BBB/1,
-- and the plenary agrees it. The text reads "all of us to read it." in every run. Without the
-- chair (nochair.lua) both amendments are rejected and the paragraph stays as it was.
local agent = require "agent"
local chair = require "chair"
local calm = { noise = 0, salience = 0 }
local function with(t) local c = {} for k, v in pairs(calm) do c[k] = v end for k, v in pairs(t) do c[k] = v end return agent.model(c) end
return {
  name = "chair",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA-chair.txt", BBB = "contrib-BBB-two-edits.txt" },
  delegations = {
    AAA = with{},
    BBB = with{},
    CCC = with{ red_lines = { "sovereign" } },
    DDD = with{ dislikes = { "carefully" } },
  },
  chair = chair.model{},
}
