-- un_ga.lua: the United Nations General Assembly.
--
-- Sources (paraphrased in /work/shared/research/procedures.md, sections 4.7, 4.8 and card D):
--   * Rules of Procedure of the General Assembly, A/520/Rev.17 and later:
--     rule 67 (quorum: a majority of the members present for any decision)
--     rule 78 (proposals and amendments in writing, circulated the day before)
--     rule 83 (important questions: two-thirds of members present and voting;
--             Charter Art. 18(2)), rule 84 (amendments to them: also 2/3)
--     rule 85 (other questions: simple majority of members present and voting)
--     rule 86 ("present and voting": voting yes or no; abstainers are not voting)
--     rule 88 (explanations of vote or position), rule 95 (a tie rejects).
--   * UN Juridical Yearbook 1974 p. 163 and InforMEA glossary: consensus is
--     adoption without a vote when no formal objection is raised.
-- Observers (observer States, IGOs) speak but neither propose nor vote.
local tally = require "tally"
local thresholds = require "thresholds"
local brackets = require "brackets"
local stages = require "stages"

local MEMBERS = { member_state = true }

local pack = {
  api = 1,
  name = "un_ga",
  body = "United Nations General Assembly",
  cites = {
    "Rules of Procedure of the General Assembly (A/520/Rev.17), rules 67, 78, 83-86, 88, 95",
    "Charter of the United Nations, Article 18",
    "UN Juridical Yearbook 1974, p. 163 (consensus)",
  },
  roles = {
    member_state = "Member State of the United Nations",
    observer = "Observer (non-member State, intergovernmental organization)",
  },
  stages = {
    { id = "zero_draft", name = "Zero draft", allows = { "comment" } },
    { id = "first_reading", name = "First reading: language with attribution", allows = { "propose", "amend", "comment" } },
    { id = "rev1", name = "Rev.1 compilation", allows = { "merge" } },
    { id = "second_reading", name = "Second reading: removing brackets, agreed ad ref", allows = { "amend", "merge", "object", "decide", "rule" } },
    { id = "informals", name = "Informal informals on hard brackets", allows = { "amend", "merge", "object", "decide", "rule" } },
    { id = "adoption", name = "Adoption in formal session", allows = { "object", "decide", "vote", "rule" } },
  },
  unagreed = "bracket",
  decision = {
    rule = "consensus_then_vote",
    description = "consensus first; otherwise a recorded vote: simple majority of members present and voting, two-thirds for important questions; abstentions not counted; a tie rejects",
  },
  brackets = brackets.style("un"),
  vocabulary = {
    { phrase = "reaffirming", kind = "preambular" },
    { phrase = "emphasizing", kind = "preambular" },
    { phrase = "noting with concern", kind = "preambular" },
    { phrase = "decides", kind = "operative" },
    { phrase = "requests", kind = "operative", addressee = true },
    { phrase = "calls upon", kind = "operative", addressee = true },
    { phrase = "urges", kind = "operative", addressee = true },
    { phrase = "welcomes", kind = "operative" },
  },
}

function pack.may_propose(party, ctx)
  if party == nil or not MEMBERS[party.role] then
    return false, "only Member States submit proposals and amendments; observers may speak"
  end
  local stage = stages.of(pack, ctx)
  if not stages.takes_proposals(stage) then
    return false, "no proposals at the " .. stage.id .. " stage: language is tabled at the readings and in the informals"
  end
  return true
end

function pack.may_object(party, ctx)
  if party == nil or not MEMBERS[party.role] then
    return false, "only Member States may object to a consensus"
  end
  return true
end

function pack.may_vote(party, ctx)
  if party == nil or not MEMBERS[party.role] then
    return false, "only Member States vote (Charter Art. 18)"
  end
  return true
end

-- The recorded vote (ctx.votes, `accord vote`): yes, no and abstentions of the
-- Member States; nil when no vote was recorded.
local function recorded_vote(ctx)
  local votes = ctx and ctx.votes
  if votes == nil then return nil end
  local v = { yes = 0, no = 0, abstain = 0 }
  for _, choice in ipairs({ "yes", "no", "abstain" }) do
    for _, code in ipairs(votes[choice] or {}) do
      local party = tally.party(ctx, code)
      if party == nil or MEMBERS[party.role] then v[choice] = v[choice] + 1 end
    end
  end
  return v
end

function pack.decide(positions, ctx)
  local t = tally.count(positions, ctx, function(party)
    return party == nil or MEMBERS[party.role] == true
  end)
  local result = { tally = t }
  local recorded = recorded_vote(ctx)
  -- Consensus: adoption without a vote when no formal objection is raised;
  -- a Member State that says nothing does not object.
  if recorded == nil and thresholds.no_objection(t) then
    result.outcome = "agreed"
    result.note = "adopted without a vote"
      .. (t.reserve > 0 and ("; " .. t.reserve .. " reservation(s) on the record") or "")
    return result
  end
  -- No consensus: a vote, the one recorded (accord vote) or the positions
  -- taken (a reservation joins the majority with its caveat).
  local yes, no = t.support + t.reserve, t.object
  if recorded ~= nil then
    yes, no = recorded.yes, recorded.no
    t.abstain = recorded.abstain
    t.present = recorded.yes + recorded.no + recorded.abstain
  end
  local important = ctx and ctx.important == true
  result.outcome = "vote"
  result.yes, result.no, result.abstain = yes, no, t.abstain
  t.yes, t.no = yes, no
  result.majority = important and "two-thirds" or "simple"
  result.required = thresholds.required(yes, no, important)
  local members = 0
  if ctx and ctx.roster then
    members = #tally.members(ctx, MEMBERS)
  end
  if not thresholds.quorum(t.present, members) then
    result.result = "no quorum"
    result.note = "fewer than a majority of the members present (rule 67)"
    return result
  end
  local pass = important and thresholds.two_thirds(yes, no) or (not important and thresholds.simple_majority(yes, no))
  result.result = pass and "adopted" or "rejected"
  result.note = string.format("%d in favour, %d against, %d abstentions (%s majority: %d needed)",
    yes, no, t.abstain, result.majority, result.required)
  if yes == no then result.note = result.note .. "; a tie rejects (rule 95)" end
  return result
end

return pack
