return require "../../../../etc/passwd"
