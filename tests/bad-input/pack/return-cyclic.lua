local p = require "ok"; local t = {}; t.t = t; p.decision = t; return p
