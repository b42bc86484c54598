dofile("/etc/passwd"); return require "ok"
