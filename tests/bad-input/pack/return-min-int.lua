local p = require "ok"; p.api = math.mininteger; return p
