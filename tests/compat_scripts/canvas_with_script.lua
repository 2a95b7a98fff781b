-- 09_Canvas_and_Custom_Drawing/canvas_with_script.kry: draw_script "draw_graphics" paints a blue
-- rect, red circle, green line, text, an orange ellipse outline and a purple triangle every frame.
-- Pixels are checked by the Rust test (tests/compat_scripts.rs) on the screenshot.
local cv = app.get("#scripted_canvas")
expect(cv ~= nil and cv.type == "Canvas", "the canvas exists")
expect(cv.width == 400 and cv.height == 300, "canvas is 400x300")
local label = app.get("Text")
expect(label.text == "Canvas with Lua Script Drawing", "caption text")
expect(label.y >= cv.y + cv.height, "caption sits below the canvas")
app.frames(3)
app.wait(250)
expect(#app.errors() == 0, "drawing raises no script errors")
app.screenshot("kryon-compat-canvas_with_script.png")
