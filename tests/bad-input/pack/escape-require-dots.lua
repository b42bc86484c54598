return require "lib.ok"
