-- simulation.lua: a simulated drafting round on Draft Opinion 1 of WTPF-13 under the WTPF's
-- rules (docs/simulation.md). Run it with
--
--   accord simulate examples/wtpf-2013/simulation.lua --runs 200 --jobs 2 --report sim.html
--
-- The table: the base text and the contributions of Iran and the United States, as received.
-- The delegations' agents are in lib/delegations.lua (shared with simulation-un_ga.lua, the same
-- table decided under the UN General Assembly's rules, by vote where consensus fails).
return {
  name = "WTPF-13 Draft Opinion 1, IRN and USA contributions",
  workflow = "wtpf",
  base = "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = "simulation-roster.yaml",
  contributions = { IRN = "contrib-IRN.txt", USA = "contrib-USA.txt" },
  delegations = require "delegations",
}
