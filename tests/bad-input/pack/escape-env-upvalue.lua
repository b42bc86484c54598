local g = _G; return require "ok"
