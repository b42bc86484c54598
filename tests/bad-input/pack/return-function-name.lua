local p = require "ok"; p.name = function() return "bad_input" end; return p
