-- vote.lua: pivotal delegations under a vote (un_ga), without chance. The agents answer by
-- amendment and stage:
--   AAA/1 ("green"), second reading: AAA and BBB support, CCC objects: no consensus, a vote
--     on the positions, 2 to 1 with 2 needed: adopted; AAA's or BBB's vote switched would
--     have turned it (pivotal), CCC's would not.
--   BBB/1 ("sovereign"): at the readings only BBB and CCC speak (2 of 4 members: no quorum,
--     it stays open); at adoption the recorded vote is BBB yes, CCC and DDD no, AAA
--     abstaining: 1 to 2 with 2 needed, rejected; CCC and DDD pivotal (one yes more would
--     have passed it), AAA not (it abstained).
-- The consensus rule ("the only objector") would count nobody here.
local answers = {
  ["AAA/1"] = { second_reading = { AAA = "support", BBB = "support", CCC = "object" } },
  ["BBB/1"] = {
    second_reading = { BBB = "support", CCC = "object" },
    informals = { BBB = "support", CCC = "object" },
    adoption = { AAA = "abstain", BBB = "support", CCC = "object", DDD = "object" },
  },
}
return {
  name = "vote",
  workflow = "un_ga",
  base = "base.txt",
  roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB.txt" },
  default = function(a, ctx)
    local by_stage = answers[a.id] and answers[a.id][ctx.stage]
    return by_stage and by_stage[ctx.party] or nil
  end,
}
