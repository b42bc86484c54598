return require "ok"
