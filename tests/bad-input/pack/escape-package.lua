package.path = "/tmp/?.lua"; return require "ok"
