local p = require "ok"; local c = {} for i = 1, 100000 do c[i] = string.rep("x", 100) end; p.cites = c; return p
