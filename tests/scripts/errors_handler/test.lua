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

app.click("#boom")
local errs = app.errors()
expect(#errs == 1, "one error reported, got " .. #errs)
local e = errs[1] or { code = "", message = "" }
expect(e.code == "S0101", "code S0101: " .. e.code)
expect(e.message:find("nil", 1, true) ~= nil, "message names the problem: " .. e.message)
expect(app.var("clicks") == 1, "side effects before the error remain")
expect(app.var("after") == 1, "dispatch continues with the next listener")
app.click("#boom")
expect(#app.errors() == 2, "a second failure is reported again")
expect(app.var("clicks") == 2 and app.var("after") == 2, "the failing element still dispatches")
app.click("#ok")
expect(app.var("clicks") == 102, "the next click on another element works")
local first = app.errors()[1] or {}
expect(first.location == "logic.lua:4", "error location is the script file's own line: " .. tostring(first.location))
expect(tostring(first.stack):find("onClick of Button#boom", 1, true) ~= nil, "stack ends with the triggering handler: " .. tostring(first.stack))
