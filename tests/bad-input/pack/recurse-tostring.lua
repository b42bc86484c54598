local t = setmetatable({}, {}); getmetatable(t).__tostring = function(t) return tostring(t) end; tostring(t); return require "ok"
