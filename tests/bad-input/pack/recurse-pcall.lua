local function f() return pcall(f) end f() return require "ok"
