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

app.click("#start")
app.frames(6)
local f = app.var("fast")
expect(f >= 5 and f <= 7, "5 ms interval fires once per frame, not in bursts: " .. f)
app.wait(1000)
local s = app.var("slow")
expect(s >= 9 and s <= 11, "100 ms interval over ~1.1 s: " .. s)
local b = app.var("bound")
app.click("#drop")
local b2 = app.var("bound")
app.frames(5)
expect(app.var("bound") == b2, "element-bound interval stops when its element is removed")
expect(b > 10, "element-bound interval ran before: " .. b)
app.click("#stop")
local f2, s2 = app.var("fast"), app.var("slow")
app.wait(300)
expect(app.var("fast") == f2 and app.var("slow") == s2, "cleared intervals stop")
checks(2)
no_errors()
