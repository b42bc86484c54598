local p = require "ok"; p.api = math.huge; return p
