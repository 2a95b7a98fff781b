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

app.click("#go")
expect(app.var("steps") == "start:x,returned", "async runs immediately until the first yield: " .. app.var("steps"))
expect(app.var("status"):sub(1, 9) == "suspended", "status suspended: " .. app.var("status"))
app.frames(1)
expect(app.var("steps") == "start:x,returned,frame:dt", "nextFrame resumes with dt: " .. app.var("steps"))
app.wait(50)
expect(not app.var("steps"):find("slept"), "sleep(100) not yet done at 50 ms")
app.wait(70)
expect(app.var("steps"):sub(-6) == ",slept", "sleep resumes: " .. app.var("steps"))
app.frames(2)
expect(not app.var("steps"):find("got:"), "waitFor waits")
app.click("#target")
expect(app.var("steps"):find("got:click:target", 1, true) ~= nil, "waitFor returns the event: " .. app.var("steps"))
app.wait(100)
expect(app.var("steps"):sub(-12) == ",timeout:nil", "waitFor timeout returns nil: " .. app.var("steps"))
app.frames(1)
expect(app.var("status"):sub(1, 5) == "done|", "finished task is done: " .. app.var("status"))
app.click("#cancel")
app.wait(100)
expect(app.var("status"):find("|cancelled|", 1, true) ~= nil, "cancelled status: " .. app.var("status"))
expect(not app.var("steps"):find("sleeper-woke"), "cancelled task never resumes")
app.click("#outside")
expect(app.var("outside") == "true,true", "sleep/nextFrame outside a task raise S0115: " .. app.var("outside"))
no_errors("before failing task: ")
app.click("#boom")
app.frames(2)
expect(app.var("status"):sub(-6) == "|error", "a failing task has status error: " .. app.var("status"))
local e = app.errors()
expect(#e == 1 and e[1].code == "S0101" and e[1].message:find("task failure", 1, true), "task error reported as S0101")
