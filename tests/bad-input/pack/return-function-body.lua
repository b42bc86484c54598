local p = require "ok"; p.body = print or tostring; return p
