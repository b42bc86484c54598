local s = string.rep("(", 200000); s:find("%b()"); return require "ok"
