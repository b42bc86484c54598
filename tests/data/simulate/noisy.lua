-- noisy.lua: the default model with chance, for the determinism tests.
local agent = require "agent"
return {
  name = "noisy",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB.txt" },
  default = agent.model{ likes = { "green" }, dislikes = { "sovereign" }, noise = 2, threshold = 0.4 },
}
