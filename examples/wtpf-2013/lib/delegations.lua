-- delegations.lua: the agents of the WTPF-13 simulation scenarios (simulation.lua under the
-- WTPF's own rules, simulation-un_ga.lua under the UN General Assembly's), configured with the
-- default model of workflows/lib/agent.lua from what the seed texts and the research notes
-- (../shared/research/procedures.md) show of the positions at the Forum: a camp that wants an
-- intergovernmental mechanism for "enhanced cooperation" and the words "sovereign right" (Iran,
-- with support in the Arab and African groups, Russia, China, India); a camp that defends the
-- multi-stakeholder model and objects to new intergovernmental bodies (the United States, the
-- European and other Western delegations, the technical community's Sector Members); and
-- delegations in between (Brazil, Argentina, Mexico, Kenya, South Africa ...). Phrases are
-- matched in the words an amendment inserts or deletes.
local agent = require "agent"

-- What each camp wants in the text, and what it will not have.
local sovereignty = {
  likes = { "sovereign right", "intergovernmental", "equal footing", "enhanced cooperation",
            "public policy", "governments" },
  dislikes = { "private sector taking the lead", "multi-stakeholder model", "existing arrangements",
               "have worked effectively" },
  allies = { "IRN", "ASMG", "RCC", "ATU" },
  rivals = { "USA" },
}
local multistakeholder = {
  likes = { "multi-stakeholder", "all stakeholders", "private sector", "civil society",
            "existing arrangements", "have worked effectively", "Internet Governance Forum" },
  dislikes = { "intergovernmental organization", "not been fully implemented", "neither mandated",
               "sovereign right" },
  allies = { "USA", "CEPT", "CITEL" },
  rivals = { "IRN" },
}

local function camp(base, extra)
  local config = {}
  for k, v in pairs(base) do config[k] = v end
  for k, v in pairs(extra or {}) do config[k] = v end
  return agent.model(config)
end

return {
  IRN = camp(sovereignty, { red_lines = { "private sector taking the lead" }, salience = 1,
                            flexibility = 0.1 }),
  SAU = camp(sovereignty, { salience = 0.9 }),
  EGY = camp(sovereignty, { salience = 0.7 }),
  RUS = camp(sovereignty, { salience = 0.8, flexibility = 0.15 }),
  CHN = camp(sovereignty, { salience = 0.7 }),
  IND = camp(sovereignty, { salience = 0.5, flexibility = 0.35 }),
  NGA = camp(sovereignty, { salience = 0.4, flexibility = 0.4 }),
  USA = camp(multistakeholder, { red_lines = { "intergovernmental organization responsible" },
                                   keep = { "multi-stakeholder" }, salience = 1, flexibility = 0.1 }),
  GBR = camp(multistakeholder, { salience = 0.8 }),
  CAN = camp(multistakeholder, { salience = 0.7 }),
  AUS = camp(multistakeholder, { salience = 0.7 }),
  JPN = camp(multistakeholder, { salience = 0.5, flexibility = 0.35 }),
  FRA = camp(multistakeholder, { salience = 0.6 }),
  DEU = camp(multistakeholder, { salience = 0.6 }),
  KOR = camp(multistakeholder, { salience = 0.4, flexibility = 0.4 }),
  TUR = camp(multistakeholder, { salience = 0.3, flexibility = 0.5 }),
  ISOC = camp(multistakeholder, { salience = 0.9 }),
  RIPENCC = camp(multistakeholder, { salience = 0.8 }),
  ICANN = camp(multistakeholder, { salience = 0.8 }),
    -- in between: lean on the words, not on the proposer
  BRA = agent.model{ likes = { "enhanced cooperation", "developing countries", "multi-stakeholder",
                                 "equal footing" },
                       dislikes = { "private sector taking the lead" }, salience = 0.8, flexibility = 0.3 },
  ARG = agent.model{ likes = { "enhanced cooperation", "multi-stakeholder" }, salience = 0.4, flexibility = 0.4 },
  MEX = agent.model{ likes = { "multi-stakeholder", "all stakeholders" }, salience = 0.4, flexibility = 0.4 },
  KEN = agent.model{ likes = { "Internet Governance Forum", "multi-stakeholder", "developing countries" },
                       salience = 0.5, flexibility = 0.4 },
  PAK = camp(sovereignty, { salience = 0.6, flexibility = 0.3 }),
  ARE = camp(sovereignty, { salience = 0.7 }),
  DZA = camp(sovereignty, { salience = 0.6 }),
  CUB = camp(sovereignty, { salience = 0.8, flexibility = 0.15 }),
  CHE = camp(multistakeholder, { salience = 0.6, flexibility = 0.35 }),
  SWE = camp(multistakeholder, { salience = 0.7 }),
  ESP = camp(multistakeholder, { salience = 0.5, flexibility = 0.35 }),
  ITA = camp(multistakeholder, { salience = 0.5, flexibility = 0.35 }),
  IDN = agent.model{ likes = { "enhanced cooperation", "developing countries", "multi-stakeholder" },
                     salience = 0.5, flexibility = 0.4 },
  SEN = agent.model{ likes = { "developing countries", "enhanced cooperation" }, salience = 0.4, flexibility = 0.4 },
  ZAF = agent.model{ likes = { "enhanced cooperation", "equal footing", "developing countries" },
                       salience = 0.5, flexibility = 0.35 }
}
