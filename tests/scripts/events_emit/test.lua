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

app.click("#src")
checks(5)
expect(app.var("got") == "panel:1,star:1,after-emit,panel:2,star:2", "targeted custom events bubble synchronously: " .. app.var("got"))
app.emit("saved", { n = 9 })
expect(app.var("got"):sub(-7) == ",star:9", "untargeted emit reaches only \"*\": " .. app.var("got"))
app.click("#cancel")
expect(app.var("result") == "false", "emit returns false when a before hook cancels")
expect(not app.var("got"):find("vetoed-ran", 1, true), "cancelled event runs no listeners")
no_errors()
