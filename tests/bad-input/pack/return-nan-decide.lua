local p = require "ok"; p.decide = function() return { outcome = "agreed", tally = { support = 0/0, object = math.huge }, note = "nan" } end; return p
