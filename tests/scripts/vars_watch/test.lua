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

app.click("#twice")
expect(app.var("seen") == "in-callback w1:a:0->2 w2:0->2", "watchers run after the callback, once, latest vs start value: " .. app.var("seen"))
app.click("#chain")
expect(app.var("seen") == "c1 c2 c3", "watcher writes trigger further rounds: " .. app.var("seen"))
expect(app.var("chain") == 3, "chain settles")
no_errors("before loop: ")
app.click("#loop")
local found = false
for _, e in ipairs(app.errors()) do if e.code == "S0114" then found = true end end
expect(found, "endless watch loop reports S0114")
local l = app.var("loop")
expect(l >= 100 and l <= 103, "loop stopped after about 100 rounds, got " .. tostring(l))
app.click("#unwatch")
checks(2)
expect(app.var("seen") == "w2:2->10", "removed watcher does not run: " .. app.var("seen"))
app.click("#same")
expect(app.var("seen") == "same-done", "writing an equal value is a no-op: " .. app.var("seen"))
app.click("#twice")
expect(app.var("seen"):find("w2:10->2", 1, true) ~= nil, "still working after S0114: " .. app.var("seen"))
