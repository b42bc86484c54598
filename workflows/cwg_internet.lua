-- cwg_internet.lua: the ITU Council Working Group on international
-- Internet-related public policy issues (CWG-Internet).
--
-- Sources (paraphrased in /work/shared/research/procedures.md, section 2 and card B):
--   * ITU Council Resolution 1336 (2011): the group, limited to Member States.
--   * ITU Council Resolution 1344 (Mod. 2015): open online and physical
--     consultations with all stakeholders before each meeting; inputs are
--     posted publicly and submitted to the group's next meeting.
--   * Report WG-Internet 11/11: positions recorded without naming states
--     ("Some Member States stated ...").
--   * Practice: consensus text drafted in informal groups (linguasynaptica
--     reports of CWG-3/CWG-4); the formal threshold was not found [NF], so
--     this pack uses consensus of the Member States present.
local tally = require "tally"
local thresholds = require "thresholds"
local brackets = require "brackets"
local roster = require "roster"
local stages = require "stages"

local MEMBERS = { member_state = true }

local pack = {
  api = 1,
  name = "cwg_internet",
  body = "ITU Council Working Group on international Internet-related public policy issues",
  cites = {
    "ITU Council Resolution 1336 (2011)",
    "ITU Council Resolution 1344 (Mod. 2015)",
    "Report WG-Internet 11/11",
  },
  roles = {
    member_state = "ITU Member State (member of the group)",
    sector_member = "ITU Sector Member (open consultations only)",
    stakeholder = "Any stakeholder (open consultations only)",
  },
  stages = {
    { id = "meeting", name = "Meeting N: agenda, consultation topic", allows = { "propose", "amend", "object", "decide", "merge", "rule" } },
    { id = "online_consultation", name = "Open online consultation", allows = { "comment" } },
    { id = "physical_consultation", name = "Physical open consultation (a Vice-Chair presides)", allows = { "comment" } },
    { id = "next_meeting", name = "Meeting N+1: contributions and consultation inputs", allows = { "propose", "amend", "object", "decide", "merge", "rule" } },
    { id = "chair_report", name = "Chair's report to Council", allows = { "report" } },
  },
  unagreed = "divergent",
  decision = {
    rule = "consensus",
    description = "consensus of the Member States present; stakeholders' inputs are comments; divergent views go into the Chair's report without naming states",
  },
  brackets = brackets.style("anonymous"),
  vocabulary = {
    { phrase = "agrees", kind = "operative" },
    { phrase = "requests the Secretary-General", kind = "operative" },
    { phrase = "notes", kind = "preambular" },
  },
}

function pack.may_propose(party, ctx)
  if not roster.has_role(party, MEMBERS) then
    return false, "only Member States propose: stakeholders' inputs from the open consultations are recorded as comments, not amendments (Council Res. 1344)"
  end
  local stage = stages.of(pack, ctx)
  if not stages.allows(stage, "propose") then
    return false, "the " .. stage.id .. " stage takes comments only"
  end
  return true
end

function pack.may_object(party, ctx)
  if not roster.has_role(party, MEMBERS) then
    return false, "only Member States take decisions in the group (Council Res. 1336)"
  end
  return true
end

-- A compromise text comes from an informal drafting group chaired by a Member State, which
-- drafts consensus text at the meetings (CWG-Internet practice): any Member State may table
-- one replacing the amendments it merges; it is agreed, like any text, by consensus.
function pack.may_supersede(party, ctx)
  if not roster.has_role(party, MEMBERS) then
    return false, "only Member States table a drafting group's compromise text (Council Res. 1336)"
  end
  return true
end

function pack.may_vote(party, ctx)
  return false, "the group works by consensus of the Member States present; it does not vote"
end

function pack.decide(positions, ctx)
  local t = tally.count(positions, ctx, function(party)
    return party ~= nil and MEMBERS[party.role] == true
  end)
  -- Stakeholders' positions are comments: counted apart, never decisive.
  t.comments = t.ignored
  local result = { tally = t }
  -- Consensus is the absence of an objection: a Member State that says nothing
  -- does not object (procedures.md 4.7, card B).
  if thresholds.no_objection(t) then
    result.outcome = "agreed"
    result.note = t.present > 0 and "agreed by consensus of the Member States present"
      or "no objection from the Member States: agreed"
  elseif ctx and ctx.stage == "chair_report" then
    result.outcome = "rejected"
    result.divergent = true
    result.note = roster.anonymous(t.object, "Member State", "Member States")
      .. (t.object == 1 and " did" or " did") .. " not support the text; the divergent views are noted in the Chair's report"
  else
    result.outcome = "bracketed"
    result.note = "no consensus among the Member States present yet"
  end
  return result
end

return pack
