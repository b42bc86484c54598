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

-- Raises unless every check passed; prints the count.
function M.done(name)
  io.stdout:write(string.format("%s: %d checks passed, %d failed\n", name, M.passed, M.failed))
  if M.failed > 0 then error(name .. ": " .. M.failed .. " checks failed", 0) end
end

return M
