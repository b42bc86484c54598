-- eu_ordinary.lua: the European Union's ordinary legislative procedure.
--
-- Sources:
--   * TFEU Art. 289(1), 294: the Commission proposes; the Parliament adopts
--     its position at first reading; the Council approves it or adopts its
--     own position; second reading; when they still disagree, a
--     Conciliation Committee, whose joint text needs a majority of the votes
--     cast in the Parliament and a qualified majority in the Council
--     (Art. 294(13)). The Commission takes part but cannot block there.
--   * TFEU Art. 293(1): at first and second reading the Council may amend a
--     Commission proposal only by unanimity (Art. 294(9)).
--   * The qualified majority as in force (workflows/lib/eu.lua): Nice
--     weights (Protocol No 36, Art. 3(3)) before 1 November 2014, then the
--     double majority of TEU Art. 16(4) / TFEU Art. 238(3).
-- An outcome other than the reference point (no act) needs the Parliament
-- and the Council: what passes is what passes the conciliation's rule.
local eu = require "eu"
local brackets = require "brackets"

local pack = {
  api = 1,
  name = "eu_ordinary",
  body = "European Union: Parliament and Council (ordinary legislative procedure)",
  cites = {
    "TFEU Art. 289(1) and 294 (ordinary legislative procedure)",
    "TFEU Art. 293(1) (amending a Commission proposal)",
    "TEU Art. 16(4), TFEU Art. 238(3) (qualified majority from 1 November 2014)",
    "Protocol (No 36) on transitional provisions, Art. 3(3) (Nice weights), Act of Accession of Croatia Art. 20",
  },
  roles = eu.ROLES,
  stages = {
    { id = "proposal", name = "Commission proposal", allows = { "propose", "comment" } },
    { id = "first_reading", name = "First reading: Parliament position, Council position", allows = { "amend", "comment", "object", "vote", "decide" } },
    { id = "second_reading", name = "Second reading", allows = { "amend", "object", "vote", "decide" } },
    { id = "conciliation", name = "Conciliation Committee and third reading", allows = { "merge", "object", "vote", "decide" } },
  },
  stages_back = false,
  unagreed = "drop",
  decision = {
    rule = "ep_majority_and_council_qmv",
    description = "adopted when the Parliament approves (a majority of the votes cast) and the Council reaches a qualified majority (Nice weights before 1 November 2014, then 55 % of the members with 65 % of the population, a blocking minority of at least four); unanimity where counvte says so",
  },
  brackets = brackets.style("none"),
}

function pack.may_vote(party, ctx)
  local role = party and party.role
  if role == "member_state" or role == "parliament" then return true end
  return false, "the Parliament and the Council vote; the Commission does not (TFEU Art. 294)"
end

-- Whether a text passes: votes maps actor codes (COM, EP, member states) to
-- "yes", "no" or "abstain"; ctx.council_rule ("QMV" or "Unan"), ctx.date
-- (yyyymmdd or a date text: which qualified majority). Returns a boolean
-- and why. The Parliament, when it takes part, must vote yes.
function pack.passes(votes, ctx)
  if type(votes) ~= "table" then error("votes must be a table", 2) end
  if votes.EP ~= nil and votes.EP ~= "yes" then
    return false, "the Parliament does not approve (TFEU Art. 294(13))"
  end
  local ok, why = eu.council_passes(votes, ctx)
  return ok, (ok and "the Council: " or "the Council does not approve: ") .. why
end

eu.shared_rules(pack, "TFEU Art. 289(1), 294(2)")

return pack
