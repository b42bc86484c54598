-- thresholds.lua: decision thresholds used by UN and ITU bodies.
-- Sources: UN GA Rules of Procedure (A/520/Rev.17) rules 83, 85, 86, 95,
-- 67; InforMEA negotiators' glossary (consensus); RFC 7282 (rough
-- consensus). See /work/shared/research/procedures.md sections 4.7-4.9.
local M = {}

-- Consensus: nobody present formally objects (InforMEA glossary; a
-- reservation joins the consensus and is put on the record).
function M.consensus(t)
  return t.present > 0 and t.object == 0
end

-- No objection: the way consensus bodies decide ("It is so decided"): nobody
-- formally objects, whoever spoke; silence is no objection (InforMEA
-- glossary; UNGA decision 74/544's silence procedure). At least one party
-- must count (present or silent).
function M.no_objection(t)
  return t.object == 0 and t.present + t.absent > 0
end

-- Rough consensus (RFC 7282): every objection addressed, though not
-- necessarily accommodated. Not a headcount.
function M.rough_consensus(t)
  return t.present > 0 and t.unaddressed == 0
end

-- Simple majority of members present and voting (rule 85): more yes than
-- no; abstentions are not votes (rule 86); a tie rejects (rule 95).
function M.simple_majority(yes, no)
  return yes + no > 0 and yes > no
end

-- Two-thirds of members present and voting (rule 83, Charter Art. 18(2)).
function M.two_thirds(yes, no)
  return yes + no > 0 and 3 * yes >= 2 * (yes + no)
end

-- Votes needed to pass, for reporting.
function M.required(yes, no, important)
  local voting = yes + no
  if important then return (2 * voting + 2) // 3 end
  return voting // 2 + 1
end

-- Quorum for a decision: a majority of the members present (rule 67).
function M.quorum(present, members)
  return members == 0 or 2 * present > members
end

return M
