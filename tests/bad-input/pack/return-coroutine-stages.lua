local p = require "ok"; p.stages = {{id = "a", name = "A", allows = {"propose"}}, {id = "b", name = coroutine and coroutine.create(print) or {}, allows = {"decide"}}}; return p
