-- ok.lua: a valid, minimal rule pack that each case of the bad-input corpus
-- requires and then spoils in one way (tests/bad-input/README.md).
local function who(w) if type(w) == "table" then return table.concat(w, ", ") end return w end
return {
  api = 1,
  name = "bad_input",
  body = "Bad-input corpus",
  cites = { "tests/bad-input/README.md" },
  roles = { member_state = "Member State", sector_member = "Sector Member" },
  stages = {
    { id = "drafting", name = "Drafting", allows = { "propose", "comment" } },
    { id = "plenary", name = "Plenary", allows = { "object", "decide" } },
  },
  unagreed = "bracket",
  decision = { rule = "consensus", description = "consensus" },
  may_propose = function(party, ctx) return true end,
  may_object = function(party, ctx) return true end,
  may_vote = function(party, ctx) return false, "no vote" end,
  decide = function(positions, ctx)
    for _, p in pairs(positions) do
      if p == "object" then return { outcome = "bracketed", note = "objected", tally = {} } end
    end
    return { outcome = "agreed", note = "consensus", tally = {} }
  end,
  brackets = {
    style = "bad_input",
    insertion = function(text, w) return "[" .. who(w) .. ": " .. text .. "]" end,
    deletion = function(text, w) return "[" .. text .. "] (" .. who(w) .. ": delete)" end,
    replacement = function(old, new, w) return "[" .. old .. "] [" .. who(w) .. ": " .. new .. "]" end,
    alternatives = function(list) return "Alt" end,
    attribution = function(w, text) return "[" .. who(w) .. ": " .. text .. "]" end,
    new_label = function(label, n) return label .. " bis" end,
    ad_ref = function(text) return text .. " (agreed ad ref)" end,
  },
}
