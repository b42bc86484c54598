local s = string.rep("x", 1 << 40); return require "ok"
