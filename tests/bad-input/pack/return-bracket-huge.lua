local p = require "ok"; local big = string.rep("x", 12 * 1024 * 1024); p.brackets.insertion = function(text) return big .. text end; return p
