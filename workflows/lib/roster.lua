-- roster.lua: questions about parties (tables {code, name, role, groups}).
local M = {}

-- Whether the party has one of the roles (a set: {member_state = true}).
function M.has_role(party, roles)
  return party ~= nil and roles[party.role] == true
end

-- Whether the party belongs to a group ("CITEL", "APT" ...).
function M.in_group(party, group)
  if party == nil or party.groups == nil then return false end
  for _, g in ipairs(party.groups) do
    if g == group then return true end
  end
  return false
end

-- "A Member State" / "Some Member States" / "N Member States": wording that
-- reports a view without naming who holds it (CWG-Internet report style).
function M.anonymous(count, singular, plural)
  if count == 1 then return "A " .. singular end
  if count <= 5 then return "Some " .. plural end
  return "Several " .. plural
end

return M
