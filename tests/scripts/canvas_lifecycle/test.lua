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

expect(app.var("order") == "load,draw", "frame 0: onLoad then draw, no onUpdate: " .. app.var("order"))
app.frames(2)
expect(app.var("order") == "load,draw,update,draw,update,draw", "update before draw each frame: " .. app.var("order"))
expect(app.var("same_table") == true, "getCanvasData returns the same mutable table")
app.click("#outside")
expect(app.var("outside") == "true,true,true", "drawing outside draw_script is S0118; explicit getCanvasData is the same table: " .. app.var("outside"))
expect(app.var("draws") == app.var("updates") + 1, "draw every frame")
no_errors()
