local s = string.rep("a", 200000); s:find("(.-)%1b"); return require "ok"
