-- The event log as records through Lua (s:log(), lua/module/bind_session.c) against the
-- command line's `accord log --json` for the same session (tests/cli/session_log.sh drives
-- it through every action): each record has exactly the fields its action carries
-- (docs/sessions.md), with the values the stored payload holds.
-- Usage: accord run test_session_log.lua SOURCE_DIR SESSION LOG.json
local accord = require "accord"
local root, session_path, json_path = arg[1], arg[2], arg[3]
assert(root and session_path and json_path, "usage: test_session_log.lua SOURCE_DIR SESSION LOG.json")
local check = dofile(root .. "/tests/lua/check.lua")

-- A small JSON reader for the test (objects, arrays, strings, numbers, true, false; null is nil).
local function decode(text)
  local pos = 1
  local value
  local function skip() pos = text:find("[^ \t\r\n]", pos) or #text + 1 end
  local escapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
  local function str()
    local out = {}
    pos = pos + 1
    while true do
      local c = text:sub(pos, pos)
      if c == '"' then pos = pos + 1; return table.concat(out) end
      if c == "\\" then
        local e = text:sub(pos + 1, pos + 1)
        if e == "u" then
          out[#out + 1] = utf8.char(tonumber(text:sub(pos + 2, pos + 5), 16))
          pos = pos + 6
        else
          out[#out + 1] = assert(escapes[e], "bad escape")
          pos = pos + 2
        end
      else
        out[#out + 1] = c
        pos = pos + 1
      end
    end
  end
  function value()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      local t = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1; return t end
      repeat
        skip()
        local k = str()
        skip()
        assert(text:sub(pos, pos) == ":", "':' expected")
        pos = pos + 1
        t[k] = value()
        skip()
        c = text:sub(pos, pos)
        pos = pos + 1
      until c == "}"
      return t
    elseif c == "[" then
      local t = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1; return t end
      repeat
        t[#t + 1] = value()
        skip()
        c = text:sub(pos, pos)
        pos = pos + 1
      until c == "]"
      return t
    elseif c == '"' then
      return str()
    elseif text:find("^true", pos) then pos = pos + 4; return true
    elseif text:find("^false", pos) then pos = pos + 5; return false
    elseif text:find("^null", pos) then pos = pos + 4; return nil
    end
    local number = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    pos = pos + #number
    return math.tointeger(tonumber(number)) or tonumber(number)
  end
  return value()
end

local function map(list, key)
  local out = {}
  for i, item in ipairs(list or {}) do out[i] = key and item[key] or item end
  return out
end

-- The record the stored payload p of event ev says s:log() gives.
local function expected_record(ev)
  local p, a = ev.payload, ev.action
  local r = { seq = ev.seq, at = ev.at, actor = ev.actor, action = a, party = p.party }
  if a == "init" then
    r.workflow, r.stage, r.base_name, r.parties = p.workflow, p.stage, p.base_name, map(p.parties, "code")
  elseif a == "submit" then
    r.file, r.contribution, r.revision, r.amendments = p.file, p.contribution, p.revision, map(p.amendments, "id")
  elseif a == "propose" then
    r.revision, r.amendment, r.op, r.target = p.revision, p.amendment.id, p.amendment.op, p.amendment.target
    r.supersedes = map(p.supersedes)
  elseif a == "cosponsor" then
    r.amendment = p.amendment
  elseif a == "withdraw" then
    r.amendment, r.from, r.to = p.amendment, p.from, p.to
  elseif a == "comment" then
    r.comment, r.amendment, r.paragraph, r.text = p.id, p.amendment, p.paragraph, p.text
  elseif a == "position" then
    r.amendment, r.position = p.amendment, p.position
  elseif a == "decide" then
    r.decisions = {}
    for i, d in ipairs(p.decisions) do
      r.decisions[i] = { id = d.id, amendment = d.amendment, paragraph = d.paragraph, outcome = d.outcome,
        from = d.from, to = d.to, rule = d.rule, stage = d.stage, tally = d.tally }
    end
  elseif a == "stage" then
    r.previous_stage, r.stage = p.from, p.to
  elseif a == "revise" then
    r.revision, r.incorporated, r.carried, r.lapsed = p.n, map(p.incorporated), map(p.carried, "id"), map(p.lapsed)
  end
  return r
end

local s = assert(accord.session_open(session_path))
local records = assert(s:log())
local n, seen = 0, {}
for line in io.lines(json_path) do
  n = n + 1
  local ev = decode(line)
  local r = records[n]
  check.ok(r ~= nil, "record " .. n .. " is there")
  if r then
    -- the tally is the stored JSON object, as text: compare it as a value
    for _, d in ipairs(r.decisions or {}) do d.tally = decode(d.tally) end
    check.same(r, expected_record(ev), "record " .. n .. " (" .. ev.action .. ")")
    seen[r.action] = true
  end
end
check.eq(#records, n, "as many records as lines of accord log --json")
for _, action in ipairs { "init", "submit", "propose", "cosponsor", "withdraw", "comment", "position", "decide", "stage",
  "revise" } do
  check.ok(seen[action], "the session has a " .. action .. " event")
end
-- a few values spelled out, so that equal records are not equally empty
check.eq(records[1].stage, "preparation", "init: the first stage")
check.eq(#records[1].parties, 24, "init: the roster's parties")
check.eq(records[6].supersedes[1], "BRA/1", "propose: what it supersedes")
check.eq(records[9].text:sub(1, 10), 'A "quoted"', "comment: its text")
check.eq(records[14].position, "reserve", "position: the position")
check.eq(records[19].decisions[2].outcome, "agreed_ad_ref", "decide: the reserve rule")
check.eq(records[19].decisions[2].tally.reserve, 1, "decide: the tally")
s:close()
print(string.format("s:log() matches accord log --json: %d records", n))
check.done("session_log")
