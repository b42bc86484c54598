local p = require "ok"; p.cites = setmetatable({}, {__len = function() return math.maxinteger end}); return p
