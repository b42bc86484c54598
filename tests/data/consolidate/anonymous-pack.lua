-- anonymous-pack.lua: a rule pack whose bracket convention is anonymous but gives
-- only the functions (tests/lua/test_consolidate.lua). The marks it leaves out
-- (paragraph and section deletions and moves) must come without names.
return {
  name = "anonymous-test",
  brackets = {
    style = "anonymous-test",
    anonymous = true,
    insertion = function(text) return "<<" .. text .. ">>" end,
    deletion = function(text) return "<<" .. text .. ">> (out)" end,
    replacement = function(old, new) return "<<" .. old .. ">> <<" .. new .. ">>" end,
  },
}
