local p = require "ok"; p.brackets.insertion = function() return setmetatable({}, {__concat = function() return "x" end}) end; return p
