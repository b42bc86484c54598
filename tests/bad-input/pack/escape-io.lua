io.open("/etc/passwd"); return require "ok"
