local p = require "ok"; p.api = math.maxinteger; return p
