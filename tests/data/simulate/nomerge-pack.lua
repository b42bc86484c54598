-- nomerge-pack.lua: a consensus body like the WTPF whose working group takes proposals but no
-- compromise texts (its allows has no "merge"): the chair's compromise is refused there.
local tally = require "tally"
local thresholds = require "thresholds"
local brackets = require "brackets"

local pack = {
  api = 1,
  name = "nomerge",
  body = "A test body without compromise texts",
  roles = { member_state = { name = "Member State", participates = true } },
  stages = {
    { id = "preparation", name = "Contributions", allows = { "propose", "amend" } },
    { id = "working_group", name = "Working group: no compromise texts", allows = { "propose", "amend", "object" } },
    { id = "plenary", name = "Plenary", allows = { "object", "decide" } },
  },
  unagreed = "drop",
  decision = { rule = "consensus", description = "no objection" },
  brackets = brackets.style("itu"),
}

function pack.may_propose(party, ctx)
  if party == nil or party.role ~= "member_state" then return false, "only Member States propose" end
  return true
end

function pack.may_object(party, ctx)
  return party ~= nil and party.role == "member_state"
end

function pack.may_vote(party, ctx)
  return false, "no vote"
end

function pack.decide(positions, ctx)
  local t = tally.count(positions, ctx)
  if thresholds.no_objection(t) then return { outcome = "agreed", tally = t } end
  if ctx and ctx.stage == "plenary" then return { outcome = "rejected", tally = t } end
  return { outcome = "bracketed", tally = t }
end

return pack
