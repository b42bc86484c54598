-- stages.lua: questions about a pack's stages (pack.stages: {id, name, allows = {...}}).
local M = {}

-- The stage ctx is at (nil without ctx or ctx.stage); an unknown stage is the
-- caller's error, raised at the caller of the rule that asks.
function M.of(pack, ctx)
  if ctx == nil or ctx.stage == nil then return nil end
  for _, s in ipairs(pack.stages) do
    if s.id == ctx.stage then return s end
  end
  error("unknown stage '" .. tostring(ctx.stage) .. "'", 3)
end

-- Whether the stage's allows lists one of the actions (nil stage: yes).
function M.allows(stage, ...)
  if stage == nil then return true end
  for _, a in ipairs(stage.allows) do
    for i = 1, select("#", ...) do
      if a == select(i, ...) then return true end
    end
  end
  return false
end

-- Whether the stage takes proposals as the session engine reads allows
-- (docs/workflows.md, "Stages and actions"): "propose" or "amend", or "merge"
-- for a compromise text.
function M.takes_proposals(stage)
  return M.allows(stage, "propose", "amend", "merge")
end

return M
