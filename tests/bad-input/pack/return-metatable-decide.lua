local p = require "ok"; p.decide = function() return setmetatable({}, {__index = function() return "agreed" end}) end; return p
