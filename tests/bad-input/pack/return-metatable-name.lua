local p = require "ok"; p.name = setmetatable({}, {__tostring = function() return "bad_input" end}); return p
