local io = require "io"; return require "ok"
