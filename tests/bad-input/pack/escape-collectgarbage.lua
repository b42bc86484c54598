collectgarbage("stop"); return require "ok"
