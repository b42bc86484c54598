-- eu_consultation.lua: the European Union's special legislative procedure
-- of consultation.
--
-- Sources:
--   * TFEU Art. 289(2): a special legislative procedure: the Council adopts
--     an act with the participation of the Parliament; in consultation the
--     Parliament gives an opinion that does not bind the Council.
--   * The Treaty article the act rests on sets the Council's rule: most
--     often unanimity (TFEU Art. 238(4): abstentions do not prevent it),
--     sometimes a qualified majority (workflows/lib/eu.lua).
--   * TFEU Art. 293(1): the Council may amend a Commission proposal only by
--     unanimity; so a text the Commission does not support needs every
--     member state even where a qualified majority would otherwise do.
local eu = require "eu"
local brackets = require "brackets"

local pack = {
  api = 1,
  name = "eu_consultation",
  body = "Council of the European Union (special legislative procedure: consultation)",
  cites = {
    "TFEU Art. 289(2) (special legislative procedure)",
    "TFEU Art. 238(4) (unanimity; abstentions)",
    "TFEU Art. 293(1) (amending a Commission proposal only by unanimity)",
    "TEU Art. 16(4), TFEU Art. 238(3); Protocol (No 36) Art. 3(3) (qualified majority, where the legal basis provides it)",
  },
  roles = eu.ROLES,
  stages = {
    { id = "proposal", name = "Commission proposal", allows = { "propose", "comment" } },
    { id = "opinion", name = "Parliament's opinion (consulted)", allows = { "comment", "amend" } },
    { id = "council", name = "Council deliberation and vote", allows = { "amend", "object", "vote", "decide" } },
  },
  stages_back = false,
  unagreed = "drop",
  decision = {
    rule = "council_unanimity",
    description = "the Council decides alone, by unanimity (or a qualified majority where the legal basis says so and the Commission supports the text); the Parliament's opinion does not bind it",
  },
  brackets = brackets.style("none"),
}

function pack.may_vote(party, ctx)
  if party ~= nil and party.role == "member_state" then return true end
  return false, "only the Council votes; the Parliament is consulted (TFEU Art. 289(2))"
end

-- Whether a text passes: votes maps actor codes to "yes", "no" or
-- "abstain"; ctx.council_rule ("Unan", the default, or "QMV"), ctx.date.
-- The Parliament's vote does not count; the Commission's does through
-- Art. 293(1).
function pack.passes(votes, ctx)
  if type(votes) ~= "table" then error("votes must be a table", 2) end
  ctx = ctx or {}
  local rule = ctx.council_rule or "Unan"
  if rule:sub(1, 4):lower() ~= "unan" and votes.COM ~= nil and votes.COM ~= "yes" then
    rule = "Unan" -- Art. 293(1): against the Commission, only unanimously
  end
  local ok, why = eu.council_passes(votes, { council_rule = rule, date = ctx.date,
    check_population = ctx.check_population })
  return ok, (ok and "the Council: " or "the Council does not adopt: ") .. why
end

eu.shared_rules(pack, "TFEU Art. 289(2), TEU Art. 17(2)")

return pack
