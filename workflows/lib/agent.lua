-- agent.lua: the default delegation model of simulated drafting rounds
-- (docs/simulation.md). A scenario configures it without writing code:
--
--   local agent = require "agent"
--   delegations = {
--     USA = agent.model{ allies = {"GBR", "CAN"}, likes = {"multi-stakeholder"},
--                        dislikes = {"intergovernmental"}, red_lines = {"sovereign right"} },
--   }
--
-- agent.model(config) returns an agent: a function(amendment, ctx) that
-- answers "support", "object", "abstain", "reserve", or nil (silence: "can
-- live with it"). The fields of config, all optional:
--
--   likes      phrases the delegation wants in the text: inserting one counts
--              +1 (per phrase), deleting one -1
--   dislikes   phrases it does not want: inserting one -1, deleting one +1
--   red_lines  phrases it never accepts being inserted: an objection in every
--              round, whatever else (flexibility does not soften it)
--   keep       phrases it never accepts being deleted: the same
--   allies     party codes or roster groups whose proposals it leans to (+affinity)
--   rivals     party codes or groups whose proposals it leans against (-affinity)
--   affinity   weight of allies and rivals (default 0.6)
--   salience   0..1: how much the delegation cares; below 1, an indifferent
--              delegation stays silent rather than abstaining (default 0.5)
--   threshold  how negative the score must be for an objection in the first
--              round (default 0.5)
--   flexibility how much that threshold grows each round (default 0.25): a
--              delegation that objected in round 1 may let it pass in round 3
--   noise      the spread of a random term added to the score (default 0.3),
--              drawn with math.random, which the simulation seeds for each run
--   compromise true: when it objects to words an amendment inserts (a red line,
--              or a disliked phrase that tips it into objecting), it offers the
--              amendment without them: {position = "object", drop = PHRASE}.
--              Where the stage takes proposals the simulation tables that as
--              a compromise text by this delegation, superseding the amendment
--              (docs/simulation.md). Default false.
--
-- The score of an amendment is the phrase counts plus the affinity to its
-- proposers, plus noise. Its own proposals (and co-sponsored ones) a
-- delegation always supports.
local M = {}

-- The configuration of each agent made here (weak keys: the agent functions), for the chair
-- (workflows/lib/chair.lua reads the objectors' red lines and dislikes with agent.config).
local configs = setmetatable({}, { __mode = "k" })

-- The configuration agent.model read for an agent (red_lines, dislikes, ...), or nil for an
-- agent made otherwise. Read it; do not change it.
function M.config(fn)
  return configs[fn]
end

local function lower(s) return string.lower(s or "") end

-- How many of the phrases occur in text (case-insensitive, plain search).
local function count_phrases(phrases, text)
  local n = 0
  if phrases == nil or text == nil or text == "" then return 0 end
  local t = lower(text)
  for _, phrase in ipairs(phrases) do
    if string.find(t, lower(phrase), 1, true) then n = n + 1 end
  end
  return n
end

-- The first of the phrases that occurs in text, as the configuration spells it, or nil.
local function first_phrase(phrases, text)
  if phrases == nil or text == nil or text == "" then return nil end
  local t = lower(text)
  for _, phrase in ipairs(phrases) do
    if string.find(t, lower(phrase), 1, true) then return phrase end
  end
  return nil
end

-- Whether a proposer is one of the codes or groups in list (roster groups from ctx.roster).
local function member_of(list, code, ctx)
  if list == nil then return false end
  local party = ctx.roster and ctx.roster.parties and ctx.roster.parties[code]
  for _, entry in ipairs(list) do
    if entry == code then return true end
    if party and party.groups then
      for _, g in ipairs(party.groups) do
        if g == entry then return true end
      end
    end
  end
  return false
end

local function number(value, default, name)
  if value == nil then return default end
  if type(value) ~= "number" then
    error(string.format("agent.model: %s must be a number, not %s", name, type(value)), 3)
  end
  return value
end

local function phrases(value, name)
  if value == nil then return nil end
  if type(value) ~= "table" then
    error(string.format("agent.model: %s must be a list of phrases", name), 3)
  end
  for i, p in ipairs(value) do
    if type(p) ~= "string" or p == "" then
      error(string.format("agent.model: %s[%d] must be a non-empty string", name, i), 3)
    end
  end
  return value
end

-- The score of an amendment for a delegation configured by c (see above).
function M.score(c, a, ctx)
  local inserted, deleted = a.inserted or "", a.deleted or ""
  local s = count_phrases(c.likes, inserted) - count_phrases(c.likes, deleted)
          - count_phrases(c.dislikes, inserted) + count_phrases(c.dislikes, deleted)
  for _, p in ipairs(a.proposers or {}) do
    if member_of(c.allies, p, ctx) then s = s + c.affinity; break end
  end
  for _, p in ipairs(a.proposers or {}) do
    if member_of(c.rivals, p, ctx) then s = s - c.affinity; break end
  end
  return s
end

function M.model(config)
  config = config or {}
  if type(config) ~= "table" then error("agent.model: the configuration must be a table", 2) end
  local c = {
    likes = phrases(config.likes, "likes"),
    dislikes = phrases(config.dislikes, "dislikes"),
    red_lines = phrases(config.red_lines, "red_lines"),
    keep = phrases(config.keep, "keep"),
    allies = phrases(config.allies, "allies"),
    rivals = phrases(config.rivals, "rivals"),
    affinity = number(config.affinity, 0.6, "affinity"),
    salience = number(config.salience, 0.5, "salience"),
    threshold = number(config.threshold, 0.5, "threshold"),
    flexibility = number(config.flexibility, 0.25, "flexibility"),
    noise = number(config.noise, 0.3, "noise"),
    compromise = config.compromise == true,
  }
  if config.compromise ~= nil and type(config.compromise) ~= "boolean" then
    error("agent.model: compromise must be true or false", 2)
  end
  -- An objection, with the offer to drop the words objected to when the delegation makes offers.
  local function object(phrase)
    if c.compromise and phrase ~= nil then return { position = "object", drop = phrase } end
    return "object"
  end
  local fn = function(a, ctx)
    for _, p in ipairs(a.proposers or {}) do
      if p == ctx.party then return "support" end
    end
    local red = first_phrase(c.red_lines, a.inserted)
    if red ~= nil then return object(red) end
    if count_phrases(c.keep, a.deleted) > 0 then return "object" end
    local s = M.score(c, a, ctx) + (math.random() - 0.5) * c.noise
    local bar = c.threshold + c.flexibility * ((ctx.round or 1) - 1)
    if s <= -bar then return object(first_phrase(c.dislikes, a.inserted)) end
    if s <= -bar + 0.15 then return "reserve" end
    if s >= 0.5 then return "support" end
    if math.random() < c.salience * 0.3 then return "abstain" end
    return nil
  end
  configs[fn] = c
  return fn
end

return M
