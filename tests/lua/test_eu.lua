-- The EU packs through the module: valid packs, and decide() under each procedure's rule
-- (eu_ordinary: the Parliament and a qualified majority, Nice weights without a date;
-- eu_consultation: unanimity). The arithmetic in detail: tests/unit/test_forecast.c.
local accord = require "accord"
local root = assert(arg[1], "usage: test_eu.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")

local STATES = { "AT", "BE", "BU", "CR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SI", "SK", "ES", "SE", "UK" }

local function positions(against, ep)
  local p = { EP = ep or "support" }
  for _, code in ipairs(STATES) do p[code] = "support" end
  for _, code in ipairs(against) do p[code] = "object" end
  return p
end

local ordinary = assert(accord.workflow_load(root .. "/workflows/eu_ordinary.lua"))
check.ok(ordinary:validate(), "eu_ordinary is valid")
check.eq(assert(ordinary:decide(positions({ "DE", "UK" }))).outcome, "agreed", "two large states cannot block")
check.eq(assert(ordinary:decide(positions({ "DE", "FR", "IT", "PL" }))).outcome, "rejected",
  "DE, FR, IT and PL hold 114 of 352: a blocking minority")
check.eq(assert(ordinary:decide(positions({}, "object"))).outcome, "rejected", "the Parliament must approve")

local consultation = assert(accord.workflow_load(root .. "/workflows/eu_consultation.lua"))
check.ok(consultation:validate(), "eu_consultation is valid")
check.eq(assert(consultation:decide(positions({}, "object"))).outcome, "agreed", "the Parliament is only consulted")
check.eq(assert(consultation:decide(positions({ "MT" }))).outcome, "rejected", "one veto under unanimity")

check.done("test_eu")
