string.dump(print); return require "ok"
