local p = require "ok"; p.decide = function() return { outcome = function() return "agreed" end, tally = {} } end; return p
