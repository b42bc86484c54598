local p = require "ok"; return setmetatable({}, {__index = p})
