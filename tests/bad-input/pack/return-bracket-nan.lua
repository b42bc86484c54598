local p = require "ok"; p.brackets.new_label = function() return 0/0 end; return p
