-- simulation-chair.lua: simulation.lua with the chair proposing compromise texts of its own
-- (docs/simulation.md, "The chair"): in the Forum's working groups, where the IRN and USA
-- amendments compete for a paragraph, or one was objected to, the chair tables the edits the
-- alternatives share, else the alternative with the widest support, else an amendment
-- without the words its objectors' red lines and dislikes name. Compare
--
--   accord simulate examples/wtpf-2013/simulation.lua --runs 200 --jobs 2
--   accord simulate examples/wtpf-2013/simulation-chair.lua --runs 200 --jobs 2
local chair = require "chair"
return {
  name = "WTPF-13 Draft Opinion 1, IRN and USA contributions, with the chair's compromises",
  workflow = "wtpf",
  base = "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = "simulation-roster.yaml",
  contributions = { IRN = "contrib-IRN.txt", USA = "contrib-USA.txt" },
  delegations = require "delegations",
  chair = chair.model{},
}
