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

app.click("#seq")
app.wait(150)
expect(app.var("marks") == "", "function item not reached during the pause: " .. app.var("marks"))
app.wait(100)
local fn_at = tonumber(app.var("marks"):match("fn@(%d+)"))
expect(fn_at and fn_at >= 200 and fn_at <= 235, "function item after 100 ms anim + 100 ms pause: " .. app.var("marks"))
app.wait(400)
local m = app.var("marks")
local end_at = tonumber(m:match("end%-items@(%d+)"))
expect(end_at and end_at >= 400 and end_at <= 450, "parallel group waits for its longest item: " .. m)
expect(m:find("complete@", 1, true) ~= nil, "group onComplete: " .. m)
expect(app.get("#card").width == 80 and app.get("#badge").width == 40, "parallel items committed")
no_errors()
