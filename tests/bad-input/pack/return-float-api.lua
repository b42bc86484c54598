local p = require "ok"; p.api = 1.0; return p
