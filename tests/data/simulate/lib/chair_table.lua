-- chair_table.lua: the table of chair.lua, nochair.lua and chair-refused.lua, without chance.
-- AAA and BBB both amend invites a) ("all of us to read it carefully.", "all of us to read it
-- with sovereign care."); DDD dislikes "carefully" and objects to AAA/1, CCC's red line is
-- "sovereign" and it objects to BBB/1; nobody offers a text. scenario(fields) is the scenario
-- with fields added (name, chair, workflow).
local agent = require "agent"
local function calm(t) t.noise, t.salience = 0, 0; return agent.model(t) end
return function(fields)
  local s = {
    workflow = "wtpf",
    base = "base.txt",
    roster = "roster.yaml",
    contributions = { AAA = "contrib-AAA-chair.txt", BBB = "contrib-BBB-two-edits.txt" },
    delegations = {
      AAA = calm{},
      BBB = calm{},
      CCC = calm{ red_lines = { "sovereign" } },
      DDD = calm{ dislikes = { "carefully" } },
    },
  }
  for _, k in ipairs({ "name", "workflow", "chair" }) do
    if fields[k] ~= nil then s[k] = fields[k] end
  end
  return s
end
