error(string.rep("x", 10 * 1024 * 1024))
