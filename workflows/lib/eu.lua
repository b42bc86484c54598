-- eu.lua: the Council of the European Union's voting rules and the figures
-- they need, shared by eu_ordinary.lua and eu_consultation.lua.
--
-- votes: actor code -> "yes" | "no" | "abstain". Member states by the codes
-- of the DEU data, upper-cased (AT, BE, BU = Bulgaria, CR = Croatia, CY, CZ,
-- DK, EE, FI, FR, DE, EL, HU, IE, IT, LV, LT, LU, MT, NL, PL, PT, RO, SI,
-- SK, ES, SE, UK); "COM" the Commission, "EP" the European Parliament.
--
-- The Council is the member states that take part (have a vote in the
-- table). Thresholds stated for EU-28 are applied as the same shares of
-- the states taking part, so that an issue of an earlier, smaller Union (or
-- one where some states held no position) is counted on its own Council.
local tally = require "tally"
local stages = require "stages"

local M = {}

-- Weighted votes under the Treaty of Nice, as in force for EU-28 from
-- 1 July 2013 to 31 October 2014: Protocol (No 36) on transitional
-- provisions, Art. 3(3), as amended by the Act of Accession of Croatia
-- (OJ L 112, 24.4.2012), Art. 20: 352 votes in all; a qualified majority is
-- 260 votes cast by a majority of the members (on a Commission proposal),
-- and a member may ask to check that they represent 62 % of the population.
M.NICE_WEIGHTS = {
  DE = 29, FR = 29, IT = 29, UK = 29, ES = 27, PL = 27, RO = 14, NL = 13,
  BE = 12, CZ = 12, EL = 12, HU = 12, PT = 12, AT = 10, BU = 10, SE = 10,
  CR = 7, DK = 7, IE = 7, LT = 7, SK = 7, FI = 7,
  CY = 4, EE = 4, LV = 4, LU = 4, SI = 4, MT = 3,
}
M.NICE_TOTAL, M.NICE_QUALIFIED = 352, 260

-- Population in thousands, Eurostat, population on 1 January 2014
-- (demo_pjan), the figures the Council used for its 2014/2015 votes
-- (Council Rules of Procedure, Annex III; rounded to thousands).
M.POPULATION = {
  DE = 80781, FR = 65857, UK = 64308, IT = 60783, ES = 46508, PL = 38496,
  RO = 19943, NL = 16829, BE = 11204, EL = 10993, CZ = 10512, PT = 10427,
  HU = 9879, SE = 9645, AT = 8508, BU = 7246, DK = 5627, FI = 5451,
  SK = 5416, IE = 4605, CR = 4247, LT = 2944, SI = 2061, LV = 2001,
  EE = 1316, CY = 858, LU = 550, MT = 425,
}

-- 1 November 2014: the double majority applies (TEU Art. 16(4)).
M.LISBON_FROM = 20141101

local function council(votes)
  local n, yes, no = 0, 0, 0
  local codes = {}
  for code, v in pairs(votes) do
    if M.NICE_WEIGHTS[code] then
      n = n + 1
      codes[#codes + 1] = code
      if v == "yes" then yes = yes + 1 elseif v == "no" then no = no + 1 end
    end
  end
  table.sort(codes)
  return codes, n, yes, no
end

-- Qualified majority under Nice (above): the yes votes carry at least
-- 260/352 of the weights of the states taking part, cast by a majority of
-- them; with check_population, they also hold 62 % of their population.
function M.nice(votes, check_population)
  local codes, n, yes = council(votes)
  if n == 0 then return false, "no member state takes part" end
  local w, wyes, pop, popyes = 0, 0, 0, 0
  for _, code in ipairs(codes) do
    w = w + M.NICE_WEIGHTS[code]
    pop = pop + M.POPULATION[code]
    if votes[code] == "yes" then
      wyes = wyes + M.NICE_WEIGHTS[code]
      popyes = popyes + M.POPULATION[code]
    end
  end
  if wyes * M.NICE_TOTAL < M.NICE_QUALIFIED * w then
    return false, string.format("%d of %d weighted votes, fewer than 260/352", wyes, w)
  end
  if 2 * yes <= n then return false, string.format("%d of %d members, not a majority", yes, n) end
  if check_population and popyes * 100 < 62 * pop then
    return false, "the yes votes hold less than 62 % of the population"
  end
  return true, string.format("%d of %d weighted votes", wyes, w)
end

-- Qualified majority since 1 November 2014 (TEU Art. 16(4), TFEU Art.
-- 238(3)): at least 55 % of the members (16 of 28) holding at least 65 % of
-- the population; a blocking minority must include at least four members,
-- failing which the qualified majority is deemed attained.
function M.lisbon(votes)
  local codes, n, yes, no = council(votes)
  if n == 0 then return false, "no member state takes part" end
  local pop, popyes = 0, 0
  for _, code in ipairs(codes) do
    pop = pop + M.POPULATION[code]
    if votes[code] == "yes" then popyes = popyes + M.POPULATION[code] end
  end
  if 100 * yes >= 55 * n and 100 * popyes >= 65 * pop then
    return true, string.format("%d of %d members, %.1f %% of the population", yes, n, 100 * popyes / pop)
  end
  if no < 4 and n >= 4 then
    return true, string.format("no blocking minority: only %d member(s) against, at least 4 needed", no)
  end
  return false, string.format("%d of %d members, %.1f %% of the population: blocked", yes, n, 100 * popyes / pop)
end

-- The date as yyyymmdd from "dd-mm-yy" (DEU's form, 19yy from 50 up) or
-- "yyyy-mm-dd"; nil when it is neither.
function M.date(text)
  if type(text) ~= "string" then return nil end
  local y, m, d = text:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then
    d, m, y = text:match("^(%d%d)%-(%d%d)%-(%d%d)$")
    if not y then return nil end
    y = tonumber(y)
    y = y >= 50 and 1900 + y or 2000 + y
  end
  return tonumber(y) * 10000 + tonumber(m) * 100 + tonumber(d)
end

-- The qualified majority in force at ctx.date (yyyymmdd, or a date text;
-- Nice when unknown).
function M.qmv(votes, ctx)
  local date = ctx and ctx.date
  if type(date) == "string" then date = M.date(date) end
  if type(date) == "number" and date >= M.LISBON_FROM then
    return M.lisbon(votes)
  end
  return M.nice(votes, ctx and ctx.check_population)
end

-- Unanimity (TFEU Art. 238(4)): no member state taking part votes no;
-- abstentions do not prevent it.
function M.unanimity(votes)
  local _, n, _, no = council(votes)
  if n == 0 then return false, "no member state takes part" end
  if no > 0 then return false, string.format("%d member(s) against: no unanimity", no) end
  return true, "no member state against"
end

-- The Council's rule named by the DEU `counvte` column: "Unan..." is
-- unanimity, anything else a qualified majority.
function M.council_passes(votes, ctx)
  local rule = ctx and ctx.council_rule or "QMV"
  if rule:sub(1, 4):lower() == "unan" then return M.unanimity(votes) end
  return M.qmv(votes, ctx)
end

-- Votes from a decide call's positions: support -> yes, object -> no.
function M.votes_of(positions)
  local votes = {}
  for code, entry in pairs(positions) do
    local p = type(entry) == "table" and entry.position or entry
    votes[tostring(code):upper()] = p == "support" and "yes" or p == "object" and "no" or "abstain"
  end
  return votes
end

-- The rules both EU packs share, set on pack: only the Commission proposes
-- (initiative: the article to cite), and at a stage that takes proposals;
-- the institutions and the member states may object; decide() is
-- pack.passes on the positions (support: yes, object: no).
function M.shared_rules(pack, initiative)
  function pack.may_propose(party, ctx)
    if party == nil or party.role ~= "commission" then
      return false, "the Commission has the right of initiative (" .. initiative .. ")"
    end
    local stage = stages.of(pack, ctx)
    if not stages.takes_proposals(stage) then return false, "no proposal at the " .. stage.id .. " stage" end
    return true
  end
  function pack.may_object(party, ctx)
    return party ~= nil, "objections are heard from the institutions and the member states"
  end
  function pack.decide(positions, ctx)
    local t = tally.count(positions, ctx)
    local ok, why = pack.passes(M.votes_of(positions), ctx or {})
    return { outcome = ok and "agreed" or "rejected", tally = t, note = why }
  end
  return pack
end

M.ROLES = {
  commission = "European Commission",
  parliament = "European Parliament",
  member_state = "Member State in the Council",
}

return M
