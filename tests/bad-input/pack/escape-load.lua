load("return 1")(); return require "ok"
