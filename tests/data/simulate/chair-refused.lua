-- chair-refused.lua: chair.lua under a pack whose working group takes no compromise texts
-- (nomerge-pack.lua): the chair's text is not tabled, and both amendments are rejected.
local chair = require "chair"
return require("chair_table"){ name = "chair-refused", workflow = "./nomerge-pack.lua", chair = chair.model{} }
