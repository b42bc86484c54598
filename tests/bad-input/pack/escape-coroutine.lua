coroutine.wrap(function() end)(); return require "ok"
