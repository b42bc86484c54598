-- wtpf.lua: the World Telecommunication/ICT Policy Forum (ITU).
--
-- Sources (paraphrased in /work/shared/research/procedures.md, section 1 and card A):
--   * ITU Plenipotentiary Resolution 2 (Kyoto 1994; Rev. Guadalajara 2010 for
--     WTPF-13; Rev. Dubai 2018 as quoted on itu.int/en/wtpf-21): the Forum is
--     for ITU Member States and Sector Members; it produces no prescriptive
--     regulatory outcome and nothing binding; it adopts opinions by
--     consensus; discussion is based solely on the Secretary-General's report
--     and contributions on it; it "shall not consider drafts of new Opinions
--     that were not presented during the preparatory period".
--   * Chairman's report WTPF-13/16(Rev.1)-E (22 May 2013); Circular DM-12/1003:
--     the SG report is the Forum's only working document; opinions "if possible".
--   * IEG-3 Chairman's report WTPF-IEG/3/40(Rev.1); WTPF-13 transcripts:
--     Brazil's draft opinion on the role of governments failed to reach
--     consensus and was not adopted (text without consensus is dropped).
-- No voting provision exists: may_vote always refuses. Consensus is the absence
-- of a formal objection (procedures.md 4.7): a participant who says nothing does
-- not object, so text nobody spoke against is adopted; the chair may also rule
-- ("it is so decided") at the Plenary (allows "rule").
local tally = require "tally"
local thresholds = require "thresholds"
local brackets = require "brackets"
local roster = require "roster"

local PARTICIPANTS = { member_state = true, sector_member = true }
local FORUM_STAGES = { forum_wg = true, plenary = true }

local pack = {
  api = 1,
  name = "wtpf",
  body = "World Telecommunication/ICT Policy Forum (ITU)",
  cites = {
    "ITU PP Resolution 2 (Rev. Guadalajara, 2010; Rev. Dubai, 2018)",
    "Document WTPF-13/16(Rev.1)-E, Report by the Chairman (22 May 2013)",
    "Circular DM-12/1003 (31 January 2012)",
    "Document WTPF-IEG/3/40(Rev.1), IEG-3 Chairman's report",
  },
  roles = {
    member_state = { name = "ITU Member State", participates = true },
    sector_member = { name = "ITU Sector Member", participates = true },
    associate = { name = "ITU Associate (views on the SG report only)", participates = false },
    academia = { name = "Academia (views on the SG report only)", participates = false },
    guest = { name = "Guest or other stakeholder (no right to propose)", participates = false },
  },
  stages = {
    { id = "preparation", name = "SG report and IEG draft opinions", allows = { "propose", "comment", "amend", "merge" } },
    { id = "forum_wg", name = "Forum working groups", allows = { "propose", "amend", "object", "merge" } },
    { id = "plenary", name = "Closing Plenary: approval of opinions", allows = { "object", "decide", "rule" } },
    { id = "report", name = "Chairman's report", allows = { "report" } },
  },
  unagreed = "drop",
  -- ITU practice: a revision keeps the labels ("c bis)" for a new paragraph);
  -- only the adopted text is renumbered.
  renumber = "adoption",
  decision = {
    rule = "consensus",
    description = "opinions adopted by consensus of the Member States and Sector Members taking part; no vote; text without consensus is dropped",
  },
  brackets = brackets.style("itu"),
  vocabulary = {
    { phrase = "is of the view", kind = "operative" },
    { phrase = "invites", kind = "operative", addressee = true },
    { phrase = "considering", kind = "preambular" },
    { phrase = "recognizing", kind = "preambular" },
    { phrase = "recalling", kind = "preambular" },
    { phrase = "noting", kind = "preambular" },
    { phrase = "bearing in mind", kind = "preambular" },
  },
}

local function stage_allows(ctx, action)
  if ctx == nil or ctx.stage == nil then return true end
  for _, s in ipairs(pack.stages) do
    if s.id == ctx.stage then
      for _, a in ipairs(s.allows) do
        if a == action then return true end
      end
      return false
    end
  end
  error("unknown stage '" .. tostring(ctx.stage) .. "'", 3)
end

function pack.may_propose(party, ctx)
  if not roster.has_role(party, PARTICIPANTS) then
    return false, "only Member States and Sector Members propose (PP Res. 2)"
  end
  if ctx and ctx.new_item and FORUM_STAGES[ctx.stage] then
    return false, "no new draft opinion may be introduced at the Forum: it was not presented during the preparatory period (PP Res. 2)"
  end
  if not stage_allows(ctx, "propose") then
    return false, "no proposals at the " .. ctx.stage .. " stage"
  end
  return true
end

function pack.may_object(party, ctx)
  if not roster.has_role(party, PARTICIPANTS) then
    return false, "only Member States and Sector Members take part in the Forum's work (PP Res. 2)"
  end
  return true
end

function pack.may_vote(party, ctx)
  return false, "the WTPF adopts opinions by consensus; there is no vote (PP Res. 2)"
end

function pack.decide(positions, ctx)
  local t = tally.count(positions, ctx, function(party)
    return party == nil or PARTICIPANTS[party.role] == true
  end)
  local result = { tally = t }
  if thresholds.no_objection(t) then
    result.outcome = "agreed"
    if t.reserve > 0 then
      result.note = t.reserve .. " reservation(s) placed on the record"
    elseif t.present == 0 then
      result.note = "no objection: it is so decided"
    else
      result.note = "adopted by consensus"
    end
  elseif ctx and (ctx.stage == "plenary" or ctx.stage == "report") then
    result.outcome = "rejected"
    result.note = "no consensus at the Plenary: the text is dropped"
  else
    result.outcome = "bracketed"
    result.note = "no consensus yet: the text stays in square brackets"
  end
  return result
end

return pack
