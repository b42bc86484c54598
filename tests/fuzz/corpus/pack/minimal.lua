return {
  body = "A body",
  roles = { member = "Member" },
  stages = { { id = "plenary", allows = { "propose", "position", "decide" } } },
  decide = function(ctx) return { result = "agreed", note = "no objection" } end,
}
