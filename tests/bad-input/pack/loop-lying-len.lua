local t = setmetatable({}, {__len = function() return math.maxinteger end}); table.concat(t); return require "ok"
