-- chair.lua: the chair's compromise, without chance (the table: lib/chair_table.lua). In the
-- working group the chair tables the edit both alternatives make ("of us"): AAA/2, tabled by
-- AAA and co-sponsored by BBB, supersedes AAA/1 (BBB withdraws BBB/1 in its favour), and the
-- plenary agrees it. The text reads "all of us to read it." in every run. Without the chair
-- (nochair.lua) both amendments are rejected and the paragraph stays as it was.
local chair = require "chair"
return require("chair_table"){ name = "chair", chair = chair.model{} }
