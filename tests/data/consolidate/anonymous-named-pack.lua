-- anonymous-named-pack.lua: an anonymous convention that still names the proposer
-- in one template: refused (tests/lua/test_consolidate.lua).
return {
  name = "anonymous-named-test",
  brackets = { style = "anonymous-named-test", anonymous = true, move_paragraph = "[Move (%p): %t]" },
}
