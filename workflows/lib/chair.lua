-- chair.lua: the default chair of simulated drafting rounds (docs/simulation.md, "The chair").
-- A scenario turns the chair on with
--
--   local chair = require "chair"
--   return { ..., chair = chair.model{ strategies = { "common", "widest", "without" } } }
--
-- chair.model(config) returns a chair: a function(paragraph, amendments, positions, ctx) that
-- the simulation calls, in a stage that takes positions and proposals, once the delegations
-- have spoken, for each paragraph where two or more MODs compete (the alternatives) or one was
-- objected to. It answers nil (no compromise), a text (the paragraph as the chair proposes
-- it), or a table {text = TEXT} or {from = ID, edits = {i, ...}} (the alternative ID with only
-- its edits i), with replaces = {IDs} (default: all the alternatives) and why = TEXT (for the
-- transcript). The fields of config, all optional:
--
--   strategies  the order in which the chair tries (default {"common", "widest", "without"}):
--               "common"  two or more alternatives: the edits every one of them makes (the
--                         words they all change alike); nothing when they share none, or
--                         when one alternative is nothing but the shared edits
--               "widest"  two or more alternatives: the one with the widest support, the
--                         fewest objections weighted (an objection 1, a reservation
--                         `reserve_weight`), then the most support, then the first tabled;
--                         only when it has fewer objections than another
--               "without" one alternative objected to (the first, in table order): without
--                         its edits that insert contested words (those of `contested`, and
--                         the red lines and dislikes of the objectors whose agents are
--                         agent.model agents); nothing when no edit or every edit has them
--   contested   phrases the chair knows to be contested (case-insensitive)
--   reserve_weight  the weight of a reservation against an alternative (default 0.25)
--   from_round  the first round (ctx.round) in which the chair proposes (default 1)
--
-- Deterministic: it reads the lists in order, and positions by sorted party codes.
local agent = require "agent"

local M = {}

local STRATEGIES = { common = true, widest = true, without = true }

local function lower(s) return string.lower(s or "") end

local function contains_any(phrases, text)
  local t = lower(text)
  for _, phrase in ipairs(phrases) do
    if phrase ~= "" and string.find(t, lower(phrase), 1, true) then return true end
  end
  return false
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

local function same_edit(a, b)
  return a.at == b.at and a.count == b.count and a.inserted == b.inserted
end

-- The indices of the first alternative's edits that every other one makes too.
local function common_edits(amendments)
  local first, kept = amendments[1], {}
  for i, e in ipairs(first.edits or {}) do
    local everywhere = true
    for k = 2, #amendments do
      local found = false
      for _, o in ipairs(amendments[k].edits or {}) do
        if same_edit(e, o) then found = true; break end
      end
      if not found then everywhere = false; break end
    end
    if everywhere then kept[#kept + 1] = i end
  end
  return kept
end

-- Objections and support on an amendment, the reservations weighted.
local function weight(positions, c)
  local against, support = 0, 0
  for _, code in ipairs(sorted_keys(positions)) do
    local p = positions[code]
    if p == "object" then against = against + 1
    elseif p == "reserve" then against = against + c.reserve_weight
    elseif p == "support" then support = support + 1 end
  end
  return against, support
end

local function try_common(amendments)
  if #amendments < 2 then return nil end
  local kept = common_edits(amendments)
  if #kept == 0 then return nil end
  -- an alternative that is nothing but the shared edits is itself the common text: no new one
  for _, a in ipairs(amendments) do
    if #(a.edits or {}) == #kept then return nil end
  end
  return { from = amendments[1].id, edits = kept, why = "the edits every alternative makes" }
end

local function try_widest(amendments, positions, c)
  if #amendments < 2 then return nil end
  local best, best_against, best_support, worst_against
  for _, a in ipairs(amendments) do
    local against, support = weight(positions[a.id], c)
    if best == nil or against < best_against or (against == best_against and support > best_support) then
      best, best_against, best_support = a, against, support
    end
    if worst_against == nil or against > worst_against then worst_against = against end
  end
  if worst_against <= best_against or #(best.edits or {}) == 0 then return nil end
  local all = {}
  for i = 1, #best.edits do all[i] = i end
  return { from = best.id, edits = all, why = "the alternative with the widest support: " .. best.id }
end

-- The phrases contested by the objectors to a: the chair's own, and their agents' red lines and dislikes.
local function contested_for(a, positions, ctx, c)
  local list = {}
  for _, p in ipairs(c.contested) do list[#list + 1] = p end
  for _, code in ipairs(sorted_keys(positions[a.id])) do
    if positions[a.id][code] == "object" then
      local fn = (ctx.agents and ctx.agents[code]) or ctx.default
      local cfg = fn and agent.config(fn)
      if cfg then
        for _, p in ipairs(cfg.red_lines or {}) do list[#list + 1] = p end
        for _, p in ipairs(cfg.dislikes or {}) do list[#list + 1] = p end
      end
    end
  end
  return list
end

local function try_without(amendments, positions, ctx, c)
  for _, a in ipairs(amendments) do
    local against = weight(positions[a.id], c)
    if against >= 1 and a.edits ~= nil then
      local phrases = contested_for(a, positions, ctx, c)
      local kept = {}
      for i, e in ipairs(a.edits) do
        if not contains_any(phrases, e.inserted) then kept[#kept + 1] = i end
      end
      if #kept > 0 and #kept < #a.edits then
        return { from = a.id, edits = kept, replaces = { a.id }, why = "without the contested words of " .. a.id }
      end
    end
  end
  return nil
end

function M.model(config)
  config = config or {}
  if type(config) ~= "table" then error("chair.model: the configuration must be a table", 2) end
  local c = {
    strategies = config.strategies or { "common", "widest", "without" },
    contested = config.contested or {},
    reserve_weight = config.reserve_weight or 0.25,
    from_round = config.from_round or 1,
  }
  if type(c.strategies) ~= "table" then error("chair.model: strategies must be a list", 2) end
  for i, s in ipairs(c.strategies) do
    if not STRATEGIES[s] then
      error(string.format("chair.model: strategies[%d] is %q: common, widest or without", i, tostring(s)), 2)
    end
  end
  if type(c.contested) ~= "table" then error("chair.model: contested must be a list of phrases", 2) end
  for i, p in ipairs(c.contested) do
    if type(p) ~= "string" or p == "" then
      error(string.format("chair.model: contested[%d] must be a non-empty string", i), 2)
    end
  end
  if type(c.reserve_weight) ~= "number" then error("chair.model: reserve_weight must be a number", 2) end
  if type(c.from_round) ~= "number" then error("chair.model: from_round must be a number", 2) end
  return function(paragraph, amendments, positions, ctx)
    if (ctx.round or 1) < c.from_round then return nil end
    for _, s in ipairs(c.strategies) do
      local answer
      if s == "common" then answer = try_common(amendments)
      elseif s == "widest" then answer = try_widest(amendments, positions, c)
      else answer = try_without(amendments, positions, ctx, c) end
      if answer ~= nil then return answer end
    end
    return nil
  end
end

return M
