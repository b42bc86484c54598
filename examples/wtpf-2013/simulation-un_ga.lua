-- simulation-un_ga.lua: a simulated drafting round on Draft Opinion 1 of WTPF-13 under the UN
-- General Assembly's rules, for comparison with simulation.lua (docs/simulation.md). Run it with
--
--   accord simulate examples/wtpf-2013/simulation-un_ga.lua --runs 200 --jobs 2 --report sim.html
--
-- The same table and delegations as simulation.lua (lib/delegations.lua); un_ga decides by
-- consensus first and by a recorded vote at adoption, where each delegation votes as it spoke.
return {
  name = "WTPF-13 Draft Opinion 1, IRN and USA contributions",
  workflow = "un_ga",
  base = "base-wtpf-ieg-2-10-opinion-1.txt",
  roster = "simulation-roster.yaml",
  contributions = { IRN = "contrib-IRN.txt", USA = "contrib-USA.txt" },
  delegations = require "delegations",
}
