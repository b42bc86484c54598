-- offers.lua: compromise texts of both kinds, without chance. CCC offers its own text for
-- BBB's amendment to invites a) ("all to read it twice."), and DDD's new paragraph without
-- its sentence holding CCC's red line "sovereign" ("all to write."). Both are tabled by their
-- proposers in the working group and agreed at the plenary.
local agent = require "agent"
local redline = agent.model{ noise = 0, salience = 0, red_lines = { "sovereign" }, compromise = true }
return {
  name = "offers",
  workflow = "wtpf",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { BBB = "contrib-BBB-two-edits.txt", DDD = "contrib-DDD-add.txt" },
  delegations = {
    CCC = function(a, ctx)
      if a.id == "BBB/1" then return { position = "object", offer = "all to read it twice." } end
      return redline(a, ctx)
    end,
  },
  default = agent.model{ noise = 0, salience = 0 },
}
