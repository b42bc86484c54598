local p = require "ok"; p.may_propose = function() while true do end end; return p
