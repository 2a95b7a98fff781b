-- 09_Canvas_and_Custom_Drawing/canvas_lifecycle_demo.kry: onLoad runs once (creates three
-- bouncing circles), onUpdate(dt) advances `time` and the circles each frame, draw_scene paints
-- them over a dark rect with a yellow sine wave and a "Time:" label.
local cv = app.get("#animated_canvas")
expect(cv ~= nil and cv.width == 600 and cv.height == 400, "canvas is 600x400")

local function count(line)
  local n = 0
  for _, l in ipairs(app.log()) do
    if l == line then n = n + 1 end
  end
  return n
end
expect(count("Canvas initialized!") == 1, "onLoad ran once by frame 0, log: " .. table.concat(app.log(), " | "))
app.screenshot("kryon-compat-canvas_lifecycle_demo-0.png")
app.wait(1000)
expect(count("Canvas initialized!") == 1, "onLoad does not run again")
expect(#app.errors() == 0, "no script errors (update and draw callbacks run cleanly)")
app.screenshot("kryon-compat-canvas_lifecycle_demo.png")
