local p = require "ok"; p.may_propose = function() return print or tostring, tostring end; return p
