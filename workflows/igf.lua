-- igf.lua: the Internet Governance Forum (UN).
--
-- Sources (paraphrased in /work/shared/research/procedures.md, section 3 and card C):
--   * Tunis Agenda for the Information Society, WSIS-05/TUNIS/DOC/6(Rev.1)-E,
--     paragraphs 72-80: a forum for multi-stakeholder policy dialogue (72);
--     multilateral, multi-stakeholder, democratic and transparent (73); no
--     oversight function, a neutral, non-duplicative and non-binding process
--     (77); all stakeholders invited (78).
--   * IGF Athens 2006 (J. Malcolm, thesis 5.2.3): no negotiated texts, no
--     decisions or resolutions.
--   * CSTD Working Group on Improvements to the IGF (2012): outcome documents
--     hold messages that map converging and diverging opinions.
--   * MAG practice (IGF 2015, 2018, 2019 transcripts): "consensus or rough
--     consensus" as judged by the Chair; RFC 7282: rough consensus when every
--     objection has been addressed, though not necessarily accommodated.
-- Hence: every stakeholder group on an equal footing, no vote, no brackets;
-- a message stands by rough consensus, and disagreement is recorded.
local tally = require "tally"
local thresholds = require "thresholds"
local brackets = require "brackets"
local stages = require "stages"

local STAKEHOLDERS = {
  government = true, private_sector = true, civil_society = true,
  technical_community = true, igo = true,
}

local pack = {
  api = 1,
  name = "igf",
  body = "Internet Governance Forum",
  cites = {
    "Tunis Agenda for the Information Society (2005), paragraphs 72-80",
    "CSTD Working Group on Improvements to the IGF, report (2012)",
    "IETF RFC 7282, On Consensus and Humming in the IETF (2014)",
  },
  roles = {
    government = "Government",
    private_sector = "Private sector",
    civil_society = "Civil society",
    technical_community = "Technical and academic community",
    igo = "Intergovernmental organization",
  },
  stages = {
    { id = "taking_stock", name = "Call for inputs and taking stock", allows = { "comment" } },
    { id = "themes", name = "MAG and open consultations set the themes", allows = { "propose", "comment" } },
    { id = "sessions", name = "Session proposals and MAG evaluation", allows = { "propose" } },
    { id = "intersessional", name = "Best Practice Forums and Dynamic Coalitions, public comment", allows = { "propose", "comment", "amend" } },
    { id = "annual_meeting", name = "Annual meeting", allows = { "propose", "comment", "object" } },
    { id = "messages", name = "IGF Messages and Chair's summary", allows = { "decide", "report", "rule" } },
  },
  unagreed = "divergent",
  decision = {
    rule = "rough_consensus",
    description = "no negotiated outcome and no vote: messages by rough consensus as judged by the chair; disagreement is recorded as divergent views, never bracketed",
  },
  brackets = brackets.style("none"),
  vocabulary = {
    { phrase = "key messages", kind = "operative" },
    { phrase = "policy recommendations", kind = "operative" },
    { phrase = "observations", kind = "preambular" },
  },
}

function pack.may_propose(party, ctx)
  if party == nil or not STAKEHOLDERS[party.role] then
    return false, "proposals come from a stakeholder group: government, private sector, civil society, technical community or IGO"
  end
  local stage = stages.of(pack, ctx)
  if not stages.takes_proposals(stage) then
    return false, "no proposals at the " .. stage.id .. " stage"
  end
  return true
end

function pack.may_object(party, ctx)
  if party == nil or not STAKEHOLDERS[party.role] then
    return false, "not a stakeholder of the Forum"
  end
  return true, "an objection is recorded as a divergent view"
end

function pack.may_vote(party, ctx)
  return false, "the IGF has no negotiated outcome and takes no decisions by vote (Tunis Agenda para 77)"
end

function pack.decide(positions, ctx)
  -- All stakeholder groups count the same; no group weighs more.
  local t = tally.count(positions, ctx, function(party)
    return party == nil or STAKEHOLDERS[party.role] == true
  end)
  local result = { tally = t }
  local chair = ctx and ctx.chair
  if t.object > 0 then
    result.divergent = true
    result.divergent_views = t.object
  end
  if t.present == 0 and t.absent == 0 then
    result.outcome = "rejected"
    result.note = "nobody took part"
  elseif t.present == 0 and chair ~= "no consensus" then
    -- the MAG chair's no-objection call: nobody spoke against it (procedures.md 3.3)
    result.outcome = "agreed"
    result.note = "no objection: a message by consensus"
  elseif chair == "rough consensus" or (chair == nil and thresholds.rough_consensus(t)) then
    result.outcome = "agreed"
    result.note = t.object > 0 and "a message by rough consensus; the disagreement is recorded as divergent views"
      or "a message by consensus"
  elseif chair == "no consensus" or chair == nil then
    result.outcome = "rejected"
    result.note = "no rough consensus: not a message; the views are recorded as divergent"
  else
    error("ctx.chair must be \"rough consensus\" or \"no consensus\"", 2)
  end
  return result
end

return pack
