local f = load(string.char(27) .. "LuaT\0", "b", "b"); return require "ok"
