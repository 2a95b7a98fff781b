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

checks(1)
app.click("#a")
expect(app.var("log_text") == "once,star:a,any:click", "first click: " .. app.var("log_text"))
app.click("#a")
expect(app.var("log_text") == "once,star:a,any:click,star:a,any:click", "once runs only once: " .. app.var("log_text"))
app.click("#b")
expect(app.var("log_text"):find("star:b,any:click", 1, true) ~= nil, "wildcard covers every element: " .. app.var("log_text"))
app.emit("ping", { n = 1 })
expect(app.var("log_text"):sub(-8) == "any:ping", "onAny sees custom events: " .. app.var("log_text"))
app.click("#off")
checks(3)
app.click("#b")
expect(app.var("log_text") == "", "removed listeners and observers stay quiet: " .. app.var("log_text"))
no_errors()
