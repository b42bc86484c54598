-- tally.lua: counting positions on an amendment or a paragraph.
--
-- positions: party code -> "support" | "object" | "abstain" | "reserve" | "absent",
-- or a table {position = ..., addressed = true|false, note = "..."}
-- (addressed: the objection was answered, for rough consensus).
-- Used by every pack's decide (docs/workflows.md, "decide").
local M = {}

M.POSITIONS = { support = true, object = true, abstain = true, reserve = true, absent = true }

-- The party table for a code, from ctx.roster (nil when there is no roster
-- or the code is not in it).
function M.party(ctx, code)
  local roster = ctx and ctx.roster
  if roster == nil then return nil end
  return roster.parties[code]
end

-- Reads one position entry; raises on an unknown position.
function M.position_of(code, entry)
  local position, addressed
  if type(entry) == "table" then
    position, addressed = entry.position, entry.addressed == true
  else
    position, addressed = entry, false
  end
  if type(position) ~= "string" or not M.POSITIONS[position] then
    error(string.format("position of %s: %q is not support, object, abstain, reserve or absent",
      tostring(code), tostring(position)), 3)
  end
  return position, addressed
end

-- Counts the positions of the parties that `counts(party, code)` accepts
-- (all when counts is nil). Returns a tally:
--   support, object, abstain, reserve, absent: counts
--   present: everyone counted but the absent
--   unaddressed: objections not marked addressed
--   ignored: positions of parties that do not count (e.g. observers)
--   objectors: codes of the objecting parties (a pack that must not name
--              states leaves them out of its result)
--   by_group: role -> {support = n, object = n, ...}
function M.count(positions, ctx, counts)
  if type(positions) ~= "table" then error("positions must be a table", 2) end
  local t = { support = 0, object = 0, abstain = 0, reserve = 0, absent = 0,
              present = 0, unaddressed = 0, ignored = 0, by_group = {} }
  local objectors = {}
  local codes = {}
  for code in pairs(positions) do codes[#codes + 1] = tostring(code) end
  table.sort(codes)
  for _, code in ipairs(codes) do
    local position, addressed = M.position_of(code, positions[code])
    local party = M.party(ctx, code)
    if counts == nil or counts(party, code) then
      t[position] = t[position] + 1
      if position ~= "absent" then t.present = t.present + 1 end
      if position == "object" then
        objectors[#objectors + 1] = code
        if not addressed then t.unaddressed = t.unaddressed + 1 end
      end
      local role = party and party.role or "unknown"
      local g = t.by_group[role]
      if g == nil then
        g = { support = 0, object = 0, abstain = 0, reserve = 0, absent = 0 }
        t.by_group[role] = g
      end
      g[position] = g[position] + 1
    else
      t.ignored = t.ignored + 1
    end
  end
  return t, objectors
end

-- Parties of the roster with one of the given roles (a set), in roster order.
function M.members(ctx, roles)
  local list = {}
  local roster = ctx and ctx.roster
  if roster == nil then return list end
  for _, code in ipairs(roster.parties.codes or roster.codes or {}) do
    local p = roster.parties[code]
    if p and roles[p.role] then list[#list + 1] = code end
  end
  return list
end

return M
