local t = setmetatable({}, { __len = function() return math.maxinteger end })
local s = string.rep("x", 1 << 20)
return { body = table.concat({ s, s }), stages = t, decide = function() while true do end end }
