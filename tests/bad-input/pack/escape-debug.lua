debug.sethook(); return require "ok"
