table.move({}, 1, 1 << 62, 1); return require "ok"
