-- Every "ok NAME" / "bad NAME" line the app logged since the last call counts as one check.
local seen = 0
local function checks(expected, label)
  local lines = app.log()
  local n = 0
  for i = seen + 1, #lines do
    local l = lines[i]
    if l:sub(1, 3) == "ok " then
      n = n + 1
      expect(true)
    elseif l:sub(1, 4) == "bad " then
      n = n + 1
      expect(false, (label or "") .. l:sub(5))
    end
  end
  seen = #lines
  if expected then
    expect(n == expected, ("%sexpected %d checks, ran %d"):format(label or "", expected, n))
  end
end
local function no_errors(label)
  local errs = app.errors()
  expect(#errs == 0, (label or "") .. "unexpected script error: " .. (errs[1] and (errs[1].code .. " " .. errs[1].message) or ""))
end

expect(app.get("#mode_on") ~= nil, "@if with string 'on' is shown")
expect(app.get("#flag_text").text == "yes", "ternary on true")
app.click("#run")
checks(23)
no_errors()
expect(app.var("count") == 20, "count after checks")
expect(app.get("#count_text").text == "Count: 20", "binding updated in the frame")
expect(app.get("#mode_on") == nil, "@if with string \"false\" is falsy")
expect(app.var("flag") == true, "flag typed boolean")
app.click("#inc")
expect(app.var("count") == 21, "handler increments through the reactive global")
app.setVar("flag", false)
expect(app.get("#flag_text").text == "no", "setVar drives the binding")
app.setVar("mode", "yes")
expect(app.get("#mode_on") ~= nil, "@if re-expands when the string becomes truthy")
