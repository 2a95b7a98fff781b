-- 09_Canvas_and_Custom_Drawing/canvas_simple.kry: an empty 400x300 canvas with no callbacks.
local cv = app.get("#test_canvas")
expect(cv ~= nil, "the canvas exists")
expect(cv.type == "Canvas", "its type is Canvas, got " .. tostring(cv.type))
expect(cv.width == 400 and cv.height == 300, "canvas is 400x300, got " .. cv.width .. "x" .. cv.height)
expect(cv.x == 0 and cv.y == 0, "canvas at the top left")
expect(cv.visible, "canvas visible")
app.wait(100)
app.clickAt(200, 150) -- clicking the canvas does nothing
expect(#app.log() == 0, "nothing logged")
expect(#app.errors() == 0, "no script errors")
app.screenshot("kryon-compat-canvas_simple.png")
