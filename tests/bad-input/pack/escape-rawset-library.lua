rawset(string, "rep", nil); return require "ok"
