return coroutine.wrap(function() end)
