-- chair-bad.lua: chair.lua with a chair that answers a number.
local agent = require "agent"
return {
  name = "chair-bad",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA-chair.txt", BBB = "contrib-BBB-two-edits.txt" },
  delegations = { CCC = agent.model{ noise = 0, salience = 0, red_lines = { "sovereign" } } },
  chair = function() return 5 end,
}
