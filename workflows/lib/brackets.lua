-- brackets.lua: how compilation texts show unagreed text, as data (styles)
-- turned into the functions the consolidation code calls.
--
-- Sources (/work/shared/research/procedures.md section 4.1-4.4):
--   square brackets for text not agreed (FCCC/AWGLCA/2009/INF.1), original
--   numbering kept, new paragraphs between the originals ("bis", "ter"),
--   alternatives marked ("Option 1/Option 2" in CWG-WCIT12/TD 43; "alt"
--   in UN drafts, cndblog.org CND 2024), attributions "[USA: ...]",
--   "agreed ad ref" (UN Fifth Committee practice).
local M = {}

-- Latin ordinals for inserted paragraphs: 4, 4bis, 4ter, 4quater ...
M.ORDINALS = { "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies" }

-- The styles, as data. `who` lists are joined with ", ". `named = false`: the
-- style names no party anywhere, and a compilation written in it is anonymous
-- (no codes in its first line, legend, hover titles, ids or JSON). `mark_open`
-- and `mark_close` set off proposals in a compilation, a working document, when
-- the style's own marks are empty.
M.STYLES = {
  -- UN negotiation texts: square brackets, attribution by delegation.
  un = { open = "[", close = "]", named = true, alt = "Alt %d: ", delete = "delete",
         ad_ref = " (agreed ad ref)", separator = " " },
  -- ITU compilation texts: square brackets, options, attribution by delegation.
  itu = { open = "[", close = "]", named = true, alt = "Option %d: ", delete = "delete",
          ad_ref = " (agreed ad ref)", separator = " " },
  -- Chair's texts that must not name states (CWG-Internet reports).
  anonymous = { open = "[", close = "]", named = false, alt = "Alt %d: ", delete = "delete",
                ad_ref = " (agreed ad ref)", separator = " " },
  -- No brackets: views are recorded, not bracketed (IGF messages). In a
  -- compilation, proposals are views in braces, never square brackets.
  none = { open = "", close = "", named = false, alt = "View %d: ", delete = nil,
           ad_ref = "", separator = "; ", mark_open = "{", mark_close = "}" },
}

-- The compilation templates (docs/formats.md "Compilation"): every proposal
-- says which amendment it is, so that a chair can call it ("USA/19"): `by`
-- is its attribution, %i the amendment ids and %p the parties, in ITU bodies
-- after the mark (%k: ADD, MOD, SUP) as ITU proposals are numbered; a style
-- that names nobody gives a neutral number (%i is "#7" there). %t text, %b
-- base text, %n number of an alternative.
local function compilation_templates(name, s, b)
  local o, c = s.open, s.close
  local by = not s.named and "%i" or name == "itu" and "%k %i (%p)" or "%i (%p)"
  if o == "" then o, c = s.mark_open, s.mark_close end
  b.insert = o .. by .. ": %t" .. c
  b.replace = o .. "%b" .. c .. " " .. b.insert
  b.delete_text = o .. "%b" .. c .. " (" .. by .. ": " .. (s.delete or "delete") .. ")"
  if s.open == "" then
    b.alternative = o .. s.alt:gsub("%%d", "%%n"):gsub(": $", "") .. " (" .. by .. "): %t" .. c
  else
    b.alternative = s.alt:gsub("%%d", "%%n") .. b.insert
  end
  b.alternative_separator = " "
  b.no_change = o .. "NOC: %b" .. c
  b.new_paragraph = b.insert
  b.new_section = b.insert
  b.delete_paragraph = o .. "Delete paragraph " .. by .. c
  b.move_paragraph = o .. "Move " .. by .. ": %t" .. c
  b.delete_section = o .. "Delete section " .. by .. c
  b.move_section = o .. "Move section " .. by .. ": %t" .. c
  b.anonymous = not s.named
end

local function who_text(style, who)
  if not style.named or who == nil then return nil end
  if type(who) == "string" then return who end
  if type(who) == "table" and #who > 0 then return table.concat(who, ", ") end
  return nil
end

local function wrap(style, text, who)
  local w = who_text(style, who)
  if w then return style.open .. w .. ": " .. text .. style.close end
  return style.open .. text .. style.close
end

-- Builds the brackets table of the rule pack API from a style name.
function M.style(name)
  local s = M.STYLES[name]
  if s == nil then error("no bracket style '" .. tostring(name) .. "'", 2) end
  local b = { style = name }
  function b.insertion(text, who) return wrap(s, text, who) end
  function b.deletion(text, who)
    if s.delete == nil then return "" end
    local w = who_text(s, who)
    return s.open .. text .. s.close .. " (" .. (w and (w .. ": ") or "") .. s.delete .. ")"
  end
  function b.replacement(old, new, who)
    if s.open == "" then return new end
    return s.open .. old .. s.close .. s.separator .. wrap(s, new, who)
  end
  function b.alternatives(list)
    local out = {}
    for i, alt in ipairs(list) do
      local text, who = alt, nil
      if type(alt) == "table" then text, who = alt.text, alt.by end
      out[#out + 1] = string.format(s.alt, i) .. wrap(s, text, who)
    end
    return table.concat(out, "\n")
  end
  function b.attribution(who, text) return wrap(s, text, who) end
  function b.new_label(label, n)
    local suffix = M.ORDINALS[n] or ("(" .. n .. ")")
    local stem, punct = string.match(label or "", "^(.-)([%.%)]?)$")
    -- "c bis)" after a letter, "4bis." after a number (ITU and UN practice)
    local sep = string.match(stem, "%a$") and " " or ""
    return stem .. sep .. suffix .. punct
  end
  function b.ad_ref(text) return text .. s.ad_ref end
  compilation_templates(name, s, b)
  return b
end

return M
