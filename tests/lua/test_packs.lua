-- Every rule pack's declared metadata, field by field (cites, roles, stages and
-- what each allows, the decision rule, the vocabulary), written out by hand from
-- /work/shared/research/procedures.md (cards A-D) and the sources each pack cites;
-- who may propose, object and vote, for every role at every stage; and the
-- decision thresholds of workflows/lib/thresholds.lua at their exact edges.
local accord = require "accord"
local root = assert(arg[1], "usage: test_packs.lua SOURCE_DIR")
local check = dofile(root .. "/tests/lua/check.lua")

local rosters = {
  wtpf = root .. "/examples/wtpf-2013/roster.yaml",
  cwg_internet = root .. "/examples/wtpf-2013/roster.yaml",
  igf = root .. "/tests/data/workflows/igf-roster.yaml",
  un_ga = root .. "/tests/data/workflows/un-roster.yaml",
}

local function load(name)
  return assert(accord.workflow_load(root .. "/workflows/" .. name .. ".lua", { roster = rosters[name] }))
end

-- ---- metadata ---------------------------------------------------------------------

local expected = {}

-- Card A: PP Res. 2; Member States and Sector Members take part, Associates and
-- Academia give views on the SG report only; consensus, no vote; text without
-- consensus is dropped (Brazil's draft).
expected.wtpf = {
  api = 1,
  name = "wtpf",
  body = "World Telecommunication/ICT Policy Forum (ITU)",
  bracket_style = "itu",
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
  decision = {
    rule = "consensus",
    description = "opinions adopted by consensus of the Member States and Sector Members taking part; no vote; text without consensus is dropped",
  },
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

-- Card B: Member States only; stakeholders through the open consultations;
-- consensus; dissent recorded without names.
expected.cwg_internet = {
  api = 1,
  name = "cwg_internet",
  body = "ITU Council Working Group on international Internet-related public policy issues",
  bracket_style = "anonymous",
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
    { id = "next_meeting", name = "Meeting N+1: contributions and consultation inputs",
      allows = { "propose", "amend", "object", "decide", "merge", "rule" } },
    { id = "chair_report", name = "Chair's report to Council", allows = { "report" } },
  },
  unagreed = "divergent",
  decision = {
    rule = "consensus",
    description = "consensus of the Member States present; stakeholders' inputs are comments; divergent views go into the Chair's report without naming states",
  },
  vocabulary = {
    { phrase = "agrees", kind = "operative" },
    { phrase = "requests the Secretary-General", kind = "operative" },
    { phrase = "notes", kind = "preambular" },
  },
}

-- Card C: all stakeholder groups on an equal footing; no negotiated outcome, no
-- vote; rough consensus as judged by the chair; no brackets.
expected.igf = {
  api = 1,
  name = "igf",
  body = "Internet Governance Forum",
  bracket_style = "none",
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
    { id = "intersessional", name = "Best Practice Forums and Dynamic Coalitions, public comment",
      allows = { "propose", "comment", "amend" } },
    { id = "annual_meeting", name = "Annual meeting", allows = { "propose", "comment", "object" } },
    { id = "messages", name = "IGF Messages and Chair's summary", allows = { "decide", "report", "rule" } },
  },
  unagreed = "divergent",
  decision = {
    rule = "rough_consensus",
    description = "no negotiated outcome and no vote: messages by rough consensus as judged by the chair; disagreement is recorded as divergent views, never bracketed",
  },
  vocabulary = {
    { phrase = "key messages", kind = "operative" },
    { phrase = "policy recommendations", kind = "operative" },
    { phrase = "observations", kind = "preambular" },
  },
}

-- Card D and the GA rules of procedure: consensus first, then a vote.
expected.un_ga = {
  api = 1,
  name = "un_ga",
  body = "United Nations General Assembly",
  bracket_style = "un",
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

local packs = {}
for _, name in ipairs({ "wtpf", "cwg_internet", "igf", "un_ga" }) do
  packs[name] = load(name)
  check.ok(packs[name]:validate(), name .. " is valid")
  check.same(packs[name]:info(), expected[name], name .. ":info()")
end

-- ---- who may propose, object and vote ---------------------------------------------------

-- rules[pack] = {propose = {roles, stages}, object = {roles}, vote = {roles}, reasons}
-- A stage list of nil: every stage. Roles not listed are refused with the reason given.
local rules = {
  wtpf = {
    propose = { roles = { member_state = true, sector_member = true }, stages = { preparation = true, forum_wg = true } },
    object = { roles = { member_state = true, sector_member = true } },
    vote = { roles = {} },
    refuse_propose = "only Member States and Sector Members propose (PP Res. 2)",
    refuse_object = "only Member States and Sector Members take part in the Forum's work (PP Res. 2)",
    refuse_vote = "the WTPF adopts opinions by consensus; there is no vote (PP Res. 2)",
    refuse_stage = function(stage) return "no proposals at the " .. stage .. " stage" end,
  },
  cwg_internet = {
    propose = { roles = { member_state = true }, stages = { meeting = true, next_meeting = true } },
    object = { roles = { member_state = true } },
    vote = { roles = {} },
    refuse_propose = "only Member States propose: stakeholders' inputs from the open consultations are recorded as comments, not amendments (Council Res. 1344)",
    refuse_object = "only Member States take decisions in the group (Council Res. 1336)",
    refuse_vote = "the group works by consensus of the Member States present; it does not vote",
    refuse_stage = function(stage) return "the " .. stage .. " stage takes comments only" end,
  },
  igf = {
    propose = { roles = { government = true, private_sector = true, civil_society = true, technical_community = true, igo = true },
      stages = { themes = true, sessions = true, intersessional = true, annual_meeting = true } },
    object = { roles = { government = true, private_sector = true, civil_society = true, technical_community = true, igo = true } },
    vote = { roles = {} },
    refuse_propose = "proposals come from a stakeholder group: government, private sector, civil society, technical community or IGO",
    refuse_object = "not a stakeholder of the Forum",
    refuse_vote = "the IGF has no negotiated outcome and takes no decisions by vote (Tunis Agenda para 77)",
    allow_object = "an objection is recorded as a divergent view",
    refuse_stage = function(stage) return "no proposals at the " .. stage .. " stage" end,
  },
  un_ga = {
    propose = { roles = { member_state = true }, stages = { first_reading = true, rev1 = true, second_reading = true, informals = true } },
    object = { roles = { member_state = true } },
    vote = { roles = { member_state = true } },
    refuse_stage = function(stage)
      return "no proposals at the " .. stage .. " stage: language is tabled at the readings and in the informals"
    end,
    refuse_propose = "only Member States submit proposals and amendments; observers may speak",
    refuse_object = "only Member States may object to a consensus",
    refuse_vote = "only Member States vote (Charter Art. 18)",
  },
}

for name, r in pairs(rules) do
  local pack = packs[name]
  local roles = { "nobody" }
  for role in pairs(expected[name].roles) do roles[#roles + 1] = role end
  local stages = { false }
  for _, s in ipairs(expected[name].stages) do stages[#stages + 1] = s.id end
  for _, role in ipairs(roles) do
    local party = { code = "X", name = "A party", role = role, groups = {} }
    for _, stage in ipairs(stages) do
      local ctx = stage and { stage = stage } or nil
      local where = string.format("%s: %s at %s", name, role, stage or "no stage")
      -- propose
      local ok, reason = pack:may_propose(party, ctx)
      if not r.propose.roles[role] then
        check.eq(ok, false, where .. " may not propose")
        check.eq(reason, r.refuse_propose, where .. ": the reason")
      elseif stage and r.propose.stages and not r.propose.stages[stage] then
        check.eq(ok, false, where .. " may not propose at this stage")
        check.eq(reason, r.refuse_stage(stage), where .. ": the stage's reason")
      else
        check.eq(ok, true, where .. " may propose")
        check.eq(reason, nil, where .. ": no reason")
      end
      -- object
      ok, reason = pack:may_object(party, ctx)
      if r.object.roles[role] then
        check.eq(ok, true, where .. " may object")
        check.eq(reason, r.allow_object, where .. ": what an objection does")
      else
        check.eq(ok, false, where .. " may not object")
        check.eq(reason, r.refuse_object, where .. ": the reason")
      end
      -- vote
      ok, reason = pack:may_vote(party, ctx)
      if r.vote.roles[role] then
        check.eq(ok, true, where .. " may vote")
        check.eq(reason, nil, where .. ": no reason")
      else
        check.eq(ok, false, where .. " may not vote")
        check.eq(reason, r.refuse_vote, where .. ": the reason")
      end
    end
  end
end

-- WTPF: no new draft opinion at the Forum (its working groups and Plenary), only in preparation.
do
  local party = { code = "BRA", name = "Brazil", role = "member_state", groups = {} }
  check.eq((packs.wtpf:may_propose(party, { stage = "preparation", new_item = true })), true, "a new opinion in preparation")
  for _, stage in ipairs({ "forum_wg", "plenary" }) do
    local ok, reason = packs.wtpf:may_propose(party, { stage = stage, new_item = true })
    check.eq(ok, false, "no new opinion at " .. stage)
    check.eq(reason, "no new draft opinion may be introduced at the Forum: it was not presented during the preparatory period (PP Res. 2)",
      "the reason at " .. stage)
  end
  check.eq((packs.wtpf:may_propose(party, { stage = "report", new_item = true })), false, "nor on the report")
end

-- An unknown stage is the caller's error in the packs that check stages.
for _, name in ipairs({ "wtpf", "cwg_internet", "un_ga", "igf" }) do
  local party = { code = "X", name = "A party", role = name == "igf" and "government" or "member_state", groups = {} }
  local none, msg, code = packs[name]:may_propose(party, { stage = "lunch" })
  check.eq(none, nil, name .. ": an unknown stage")
  check.eq(code, accord.ESCRIPT, name .. ": a script error")
  check.contains(msg, "unknown stage 'lunch'", name .. ": the message")
end

-- ---- thresholds at their edges (UN GA rules 67, 83, 85, 86, 95) ----------------------------

local thresholds = dofile(root .. "/workflows/lib/thresholds.lua")
local majority_cases = {
  -- yes, no, simple majority, two-thirds
  { 0, 0, false, false },  -- nobody present and voting
  { 1, 0, true, true },
  { 0, 1, false, false },
  { 1, 1, false, false },  -- a tie rejects (rule 95)
  { 5, 5, false, false },
  { 2, 1, true, true },    -- exactly two-thirds is enough
  { 10, 5, true, true },   -- exactly two-thirds
  { 6, 4, true, false },   -- 60 %
  { 7, 4, true, false },   -- 63.6 %
  { 7, 3, true, true },    -- 70 %
  { 3, 2, true, false },
  { 20, 11, true, false }, -- 64.5 %
  { 22, 11, true, true },  -- exactly two-thirds
  { 21, 11, true, false }, -- one short
}
for _, c in ipairs(majority_cases) do
  local yes, no = c[1], c[2]
  check.eq(thresholds.simple_majority(yes, no), c[3], string.format("simple majority of %d yes, %d no", yes, no))
  check.eq(thresholds.two_thirds(yes, no), c[4], string.format("two-thirds of %d yes, %d no", yes, no))
end
local required_cases = {
  -- yes, no, important, votes needed
  { 0, 0, false, 1 }, { 0, 0, true, 0 },
  { 1, 0, false, 1 }, { 1, 0, true, 1 },
  { 1, 1, false, 2 }, { 1, 1, true, 2 },
  { 2, 1, false, 2 }, { 2, 1, true, 2 },
  { 9, 9, false, 10 }, { 9, 9, true, 12 },
  { 10, 5, false, 8 }, { 10, 5, true, 10 },
  { 10, 6, false, 9 }, { 10, 6, true, 11 },
  { 7, 3, false, 6 }, { 7, 3, true, 7 },
}
for _, c in ipairs(required_cases) do
  check.eq(thresholds.required(c[1], c[2], c[3]), c[4],
    string.format("votes needed of %d yes, %d no (%s)", c[1], c[2], c[3] and "important" or "ordinary"))
end
-- the needed votes are exactly the smallest yes count that passes
for voting = 1, 30 do
  for _, important in ipairs({ false, true }) do
    local needed = thresholds.required(0, voting, important)
    local pass = important and thresholds.two_thirds or thresholds.simple_majority
    check.eq(pass(needed, voting - needed), true, string.format("%d of %d pass", needed, voting))
    check.eq(pass(needed - 1, voting - needed + 1), false, string.format("%d of %d fail", needed - 1, voting))
  end
end
local quorum_cases = {
  -- present, members, quorum
  { 0, 0, true }, { 0, 1, false }, { 1, 1, true }, { 1, 2, false }, { 2, 2, true },
  { 2, 3, true }, { 1, 3, false }, { 20, 40, false }, { 21, 40, true }, { 40, 40, true },
  { 96, 193, false }, { 97, 193, true },
}
for _, c in ipairs(quorum_cases) do
  check.eq(thresholds.quorum(c[1], c[2]), c[3], string.format("quorum of %d present of %d", c[1], c[2]))
end
local consensus_cases = {
  -- present, object, unaddressed, consensus, rough consensus
  { 0, 0, 0, false, false },
  { 1, 0, 0, true, true },
  { 5, 1, 0, false, true },  -- an objection addressed: rough consensus, not consensus
  { 5, 1, 1, false, false },
  { 5, 2, 1, false, false },
}
for _, c in ipairs(consensus_cases) do
  local t = { present = c[1], object = c[2], unaddressed = c[3] }
  check.eq(thresholds.consensus(t), c[4], string.format("consensus of %d present, %d objecting", c[1], c[2]))
  check.eq(thresholds.rough_consensus(t), c[5],
    string.format("rough consensus of %d present, %d unaddressed", c[1], c[3]))
end

-- The same edges through the UN GA pack, over the 40 members of the test roster:
-- quorum exactly met (21 present) and missed by one (20); exactly two-thirds.
do
  local roster = assert(accord.roster_load(rosters.un_ga))
  local members = roster:parties("member_state")
  local function positions(yes, no, abstain)
    local p, i = {}, 0
    for _ = 1, yes do i = i + 1; p[members[i].code] = "support" end
    for _ = 1, no do i = i + 1; p[members[i].code] = "object" end
    for _ = 1, abstain do i = i + 1; p[members[i].code] = "abstain" end
    while i < #members do i = i + 1; p[members[i].code] = "absent" end
    return p
  end
  local cases = {
    -- yes, no, abstain, important, result, required
    { 11, 1, 9, false, "adopted", 7 },      -- 21 of 40 present: quorum
    { 11, 1, 8, false, "no quorum", 7 },    -- 20 of 40: no quorum
    { 14, 7, 0, true, "adopted", 14 },      -- exactly two-thirds of 21
    { 13, 7, 1, true, "rejected", 14 },     -- one short
    { 2, 1, 18, true, "adopted", 2 },       -- abstentions not counted: 2 of 3
    { 1, 1, 19, false, "rejected", 2 },     -- a tie rejects
    { 0, 1, 20, false, "rejected", 1 },
    { 2, 1, 18, false, "adopted", 2 },
  }
  for _, c in ipairs(cases) do
    local what = string.format("un_ga %d/%d/%d%s", c[1], c[2], c[3], c[4] and " (important)" or "")
    local d = assert(packs.un_ga:decide(positions(c[1], c[2], c[3]), { important = c[4] }))
    check.eq(d.outcome, "vote", what .. ": a vote")
    check.eq(d.result, c[5], what .. ": " .. c[5])
    check.eq(d.required, c[6], what .. ": votes needed")
    check.eq(d.yes, c[1], what .. ": yes")
    check.eq(d.no, c[2], what .. ": no")
    check.eq(d.abstain, c[3], what .. ": abstentions")
    check.eq(d.majority, c[4] and "two-thirds" or "simple", what .. ": the majority")
  end
end

-- ---- every branch of every pack's decision, with its exact note ---------------------------------

local decide_cases = {
  -- pack, positions, ctx, outcome, note, divergent, divergent_views, present, object
  { "wtpf", { USA = "support", ISOC = "support" }, { stage = "forum_wg" }, "agreed", "adopted by consensus", nil, nil, 2, 0 },
  { "wtpf", { USA = "reserve", BRA = "support", IRN = "reserve" }, { stage = "plenary" }, "agreed",
    "2 reservation(s) placed on the record", nil, nil, 3, 0 },
  { "wtpf", { USA = "object", BRA = "support" }, { stage = "forum_wg" }, "bracketed",
    "no consensus yet: the text stays in square brackets", nil, nil, 2, 1 },
  { "wtpf", { ISOC = "object", BRA = "support" }, { stage = "preparation" }, "bracketed",
    "no consensus yet: the text stays in square brackets", nil, nil, 2, 1 },
  { "wtpf", { USA = "object", BRA = "support" }, { stage = "plenary" }, "rejected",
    "no consensus at the Plenary: the text is dropped", nil, nil, 2, 1 },
  { "wtpf", { USA = "object" }, { stage = "report" }, "rejected", "no consensus at the Plenary: the text is dropped",
    nil, nil, 1, 1 },
  { "wtpf", { USA = "object" }, nil, "bracketed", "no consensus yet: the text stays in square brackets", nil, nil, 1, 1 },
  { "wtpf", { USA = "absent", BRA = "abstain" }, { stage = "forum_wg" }, "agreed", "adopted by consensus", nil, nil, 1, 0 },
  -- silence is no objection: nobody spoke against it, so it is so decided
  { "wtpf", { USA = "absent" }, { stage = "plenary" }, "agreed", "no objection: it is so decided", nil, nil, 0, 0 },
  { "wtpf", { USA = "absent", BRA = "object" }, { stage = "plenary" }, "rejected",
    "no consensus at the Plenary: the text is dropped", nil, nil, 1, 1 },
  { "wtpf", {}, { stage = "plenary" }, "rejected", "no consensus at the Plenary: the text is dropped", nil, nil, 0, 0 },
  { "cwg_internet", { USA = "support", BRA = "support", ISOC = "object" }, { stage = "next_meeting" }, "agreed",
    "agreed by consensus of the Member States present", nil, nil, 2, 0 },
  { "cwg_internet", { USA = "object", BRA = "support" }, { stage = "next_meeting" }, "bracketed",
    "no consensus among the Member States present yet", nil, nil, 2, 1 },
  { "cwg_internet", { USA = "object", BRA = "support" }, { stage = "chair_report" }, "rejected",
    "A Member State did not support the text; the divergent views are noted in the Chair's report", true, nil, 2, 1 },
  { "cwg_internet", { USA = "object", BRA = "object", IRN = "object", CHN = "support" }, { stage = "chair_report" },
    "rejected", "Some Member States did not support the text; the divergent views are noted in the Chair's report",
    true, nil, 4, 3 },
  { "cwg_internet", { USA = "object", BRA = "object", IRN = "object", CHN = "object", RUS = "object", ARG = "object" },
    { stage = "chair_report" }, "rejected",
    "Several Member States did not support the text; the divergent views are noted in the Chair's report", true, nil, 6, 6 },
  { "igf", { BRA = "absent", APC = "absent" }, nil, "agreed", "no objection: a message by consensus", nil, nil, 0, 0 },
  { "igf", {}, nil, "rejected", "nobody took part", nil, nil, 0, 0 },
  { "igf", { BRA = "absent" }, { chair = "no consensus" }, "rejected",
    "no rough consensus: not a message; the views are recorded as divergent", nil, nil, 0, 0 },
  { "igf", { BRA = "support", APC = "support" }, nil, "agreed", "a message by consensus", nil, nil, 2, 0 },
  { "igf", { BRA = "support", APC = "object" }, nil, "rejected",
    "no rough consensus: not a message; the views are recorded as divergent", true, 1, 2, 1 },
  { "igf", { BRA = "support", APC = { position = "object", addressed = true } }, nil, "agreed",
    "a message by rough consensus; the disagreement is recorded as divergent views", true, 1, 2, 1 },
  { "igf", { BRA = "support", APC = "object", ICC = "object" }, { chair = "rough consensus" }, "agreed",
    "a message by rough consensus; the disagreement is recorded as divergent views", true, 2, 3, 2 },
  { "igf", { BRA = "support", APC = "support" }, { chair = "no consensus" }, "rejected",
    "no rough consensus: not a message; the views are recorded as divergent", nil, nil, 2, 0 },
  { "igf", { BRA = "absent" }, { chair = "rough consensus" }, "agreed", "no objection: a message by consensus", nil, nil,
    0, 0 },
}
for i, c in ipairs(decide_cases) do
  local what = string.format("%s decision %d", c[1], i)
  local d, msg = packs[c[1]]:decide(c[2], c[3])
  check.ok(d, what .. " decides (" .. tostring(msg) .. ")")
  if d then
    check.eq(d.outcome, c[4], what .. ": outcome")
    check.eq(d.note, c[5], what .. ": note")
    check.eq(d.divergent, c[6], what .. ": divergent")
    check.eq(d.divergent_views, c[7], what .. ": divergent views")
    check.eq(d.tally.present, c[8], what .. ": present")
    check.eq(d.tally.object, c[9], what .. ": objections")
  end
end
do
  local none, msg, code = packs.igf:decide({ BRA = "support" }, { chair = "perhaps" })
  check.eq(none, nil, "igf: an unknown judgement by the chair")
  check.contains(msg, 'ctx.chair must be "rough consensus" or "no consensus"', "igf: the message")
  check.eq(code, accord.ESCRIPT, "igf: a script error")
  local d = assert(packs.cwg_internet:decide({ USA = "support", ISOC = "object", ICANN = "support" }))
  check.eq(d.tally.comments, 2, "cwg_internet: the stakeholders' positions are comments")
  check.eq(d.tally.ignored, 2, "cwg_internet: and not counted")
end

-- ---- workflows/lib/roster.lua and tally.lua, directly -----------------------------------------

local lib_roster = dofile(root .. "/workflows/lib/roster.lua")
local ms = { code = "AAA", name = "A", role = "member_state", groups = { "G1", "G2" } }
local sm = { code = "BBB", name = "B", role = "sector_member", groups = {} }
local bare = { code = "CCC", name = "C", role = "member_state" }
check.eq(lib_roster.has_role(ms, { member_state = true }), true, "has_role: the role is in the set")
check.eq(lib_roster.has_role(sm, { member_state = true }), false, "has_role: it is not")
check.eq(lib_roster.has_role(sm, { member_state = true, sector_member = true }), true, "has_role: one of two")
check.eq(lib_roster.has_role(nil, { member_state = true }), false, "has_role: no party")
check.eq(lib_roster.in_group(ms, "G1"), true, "in_group: the first group")
check.eq(lib_roster.in_group(ms, "G2"), true, "in_group: the last group")
check.eq(lib_roster.in_group(ms, "G3"), false, "in_group: another group")
check.eq(lib_roster.in_group(sm, "G1"), false, "in_group: no groups")
check.eq(lib_roster.in_group(bare, "G1"), false, "in_group: groups not given")
check.eq(lib_roster.in_group(nil, "G1"), false, "in_group: no party")
local anonymous = {
  [1] = "A Member State", [2] = "Some Member States", [5] = "Some Member States", [6] = "Several Member States",
  [40] = "Several Member States",
}
for count, words in pairs(anonymous) do
  check.eq(lib_roster.anonymous(count, "Member State", "Member States"), words, "anonymous(" .. count .. ")")
end

local tally = dofile(root .. "/workflows/lib/tally.lua")
local ctx = { roster = { parties = {
  AAA = { code = "AAA", role = "member_state" }, BBB = { code = "BBB", role = "member_state" },
  CCC = { code = "CCC", role = "observer" }, DDD = { code = "DDD", role = "member_state" },
  EEE = { code = "EEE", role = "member_state" }, FFF = { code = "FFF", role = "member_state" },
  codes = { "AAA", "BBB", "CCC", "DDD", "EEE", "FFF" } } } }
local positions = { AAA = "support", BBB = { position = "object", addressed = true }, CCC = "object",
  DDD = "abstain", EEE = "reserve", FFF = "absent", ZZZ = "object" }
local t, objectors = tally.count(positions, ctx, function(party) return party ~= nil and party.role == "member_state" end)
check.same(t, { support = 1, object = 1, abstain = 1, reserve = 1, absent = 1, present = 4, unaddressed = 0, ignored = 2,
  by_group = { member_state = { support = 1, object = 1, abstain = 1, reserve = 1, absent = 1 } } }, "tally: members only")
check.same(objectors, { "BBB" }, "tally: the objectors")
t, objectors = tally.count(positions, ctx)
check.same(t, { support = 1, object = 3, abstain = 1, reserve = 1, absent = 1, present = 6, unaddressed = 2, ignored = 0,
  by_group = { member_state = { support = 1, object = 1, abstain = 1, reserve = 1, absent = 1 },
    observer = { support = 0, object = 1, abstain = 0, reserve = 0, absent = 0 },
    unknown = { support = 0, object = 1, abstain = 0, reserve = 0, absent = 0 } } }, "tally: everyone counts")
check.same(objectors, { "BBB", "CCC", "ZZZ" }, "tally: the objectors, in code order")
t = tally.count({}, nil)
check.same(t, { support = 0, object = 0, abstain = 0, reserve = 0, absent = 0, present = 0, unaddressed = 0, ignored = 0,
  by_group = {} }, "tally: nobody")
check.same(tally.members(ctx, { member_state = true }), { "AAA", "BBB", "DDD", "EEE", "FFF" }, "members in roster order")
check.same(tally.members(ctx, { observer = true }), { "CCC" }, "the observers")
check.same(tally.members(nil, { observer = true }), {}, "no roster, no members")
check.eq(tally.party(ctx, "CCC").role, "observer", "party: from the roster")
check.eq(tally.party(ctx, "XXX"), nil, "party: not in it")
check.eq(tally.party(nil, "CCC"), nil, "party: no roster")
for _, bad in ipairs({ "maybe", 1, true }) do
  local ok, err = pcall(tally.count, { AAA = bad })
  check.eq(ok, false, "tally: position " .. tostring(bad) .. " raises")
  check.contains(err, string.format("position of AAA: %q is not support, object, abstain, reserve or absent", tostring(bad)),
    "tally: the message for " .. tostring(bad))
end
local ok, err = pcall(tally.count, { AAA = { addressed = true } })
check.eq(ok, false, "tally: an entry without a position raises")
check.contains(err, 'position of AAA: "nil" is not support', "tally: its message")
ok, err = pcall(tally.count, "support")
check.eq(ok, false, "tally: positions not a table")
check.contains(err, "positions must be a table", "tally: its message")

-- every Latin ordinal for inserted paragraphs, and past the last (workflows/lib/brackets.lua)
do
  local ordinals = { "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies" }
  for n, ordinal in ipairs(ordinals) do
    check.eq(packs.un_ga:bracket("new_label", "4", n), "4" .. ordinal, "un_ga: paragraph 4, insertion " .. n)
    check.eq(packs.wtpf:bracket("new_label", "d)", n), "d " .. ordinal .. ")", "wtpf: paragraph d), insertion " .. n)
  end
  check.eq(packs.un_ga:bracket("new_label", "4", 10), "4(10)", "past decies: the number")
  check.eq(packs.un_ga:bracket("new_label", "4", 11), "4(11)", "and on")
end

check.done("packs")
