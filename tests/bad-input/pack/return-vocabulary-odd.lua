local p = require "ok"; p.vocabulary = { { phrase = 0/0, kind = "operative" }, { phrase = setmetatable({}, {}), kind = true } }; return p
