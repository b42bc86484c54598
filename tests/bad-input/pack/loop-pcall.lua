local p = require "ok"; p.may_propose = function() while true do pcall(function() while true do end end) end end; return p
