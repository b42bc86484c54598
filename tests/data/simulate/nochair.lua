-- nochair.lua: chair.lua without the chair: AAA/1 and BBB/1 are rejected at the plenary.
return require("chair_table"){ name = "nochair", chair = false }
