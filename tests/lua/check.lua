-- check.lua: a tiny assertion helper for the Lua tests (run by ctest through
-- `accord run` and, for the module, the stock lua5.4 interpreter).
local M = { passed = 0, failed = 0 }

function M.eq(actual, expected, what)
  if actual ~= expected then
    M.failed = M.failed + 1
    io.stderr:write(string.format("FAIL %s: expected %s, got %s\n", what, tostring(expected), tostring(actual)))
  else
    M.passed = M.passed + 1
  end
end

function M.ok(value, what)
  M.eq(not not value, true, what)
end

function M.contains(s, part, what)
  M.ok(type(s) == "string" and s:find(part, 1, true) ~= nil, what .. " (" .. tostring(s) .. " contains " .. part .. ")")
end

-- Deep equality of two values (tables compared key by key, both ways); the
-- first difference is reported with its path.
local function differ(a, b, path)
  if type(a) ~= "table" or type(b) ~= "table" then
    if a ~= b then return string.format("%s: expected %s, got %s", path, tostring(b), tostring(a)) end
    return nil
  end
  for k, v in pairs(b) do
    local d = differ(a[k], v, path .. "." .. tostring(k))
    if d then return d end
  end
  for k, v in pairs(a) do
    if b[k] == nil then return string.format("%s.%s: not expected, got %s", path, tostring(k), tostring(v)) end
  end
  return nil
end

function M.same(actual, expected, what)
  local d = differ(actual, expected, what)
  if d then
    M.failed = M.failed + 1
    io.stderr:write("FAIL " .. d .. "\n")
  else
    M.passed = M.passed + 1
  end
end

-- Raises unless every check passed; prints the count.
function M.done(name)
  io.stdout:write(string.format("%s: %d checks passed, %d failed\n", name, M.passed, M.failed))
  if M.failed > 0 then error(name .. ": " .. M.failed .. " checks failed", 0) end
end

return M
