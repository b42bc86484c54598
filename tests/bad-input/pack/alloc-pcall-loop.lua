while true do pcall(string.rep, "x", 1 << 40) end
