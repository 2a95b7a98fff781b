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

expect(app.var("frames_seen") == 0, "frame 0 runs no onFrame")
app.frames(3)
expect(app.var("frames_seen") == 3, "onFrame every frame: " .. app.var("frames_seen"))
expect(app.var("dt_ok") == true, "dt is ~1/60 s")
app.click("#raf")
expect(app.var("raf_calls") == 0 or app.var("raf_calls") == 1, "raf scheduled")
app.frames(3)
expect(app.var("raf_calls") == 1, "requestAnimationFrame runs once: " .. app.var("raf_calls"))
local t = app.var("raf_t")
expect(t > 60 and t < 120, "raf gets t in ms: " .. tostring(t))
app.click("#stop")
local n = app.var("frames_seen")
app.frames(3)
expect(app.var("frames_seen") == n, "cleared onFrame stops")
app.click("#clock")
local now, secs = app.var("clock"):match("([%d.]+)/([%d.]+)")
expect(math.abs(tonumber(now) - tonumber(secs) * 1000) < 0.5, "now() ms and getTime() s agree: " .. app.var("clock"))
expect(math.abs(tonumber(now) - 12 * 1000 / 60) < 1, "virtual clock after 12 frames: " .. app.var("clock"))
checks(1)
no_errors()
