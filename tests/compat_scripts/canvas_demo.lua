-- 09_Canvas_and_Custom_Drawing/canvas_demo.kry: a canvas drawn by draw_canvas_content (line,
-- rect, circle, text, an orbiting orange dot from getTime()), an onUpdate that keeps state in
-- getCanvasData(), and a button that prints a line.
local cv = app.get("#demo_canvas")
expect(cv ~= nil and cv.type == "Canvas", "canvas exists")
expect(cv.width == 400 and cv.height == 300, "canvas is 400x300 from its style, got " .. cv.width .. "x" .. cv.height)
local btn = app.get("#demo_button")
expect(btn.text == "Click me!", "button text")
expect(btn.y > cv.y + cv.height, "button below the canvas")
expect(btn.background_color == "#0066CCFF", "button blue")

app.wait(500)
expect(#app.errors() == 0, "draw and update callbacks raise no errors, got: "
  .. ((app.errors()[1] or {}).message or ""))

app.click("#demo_button")
local log = app.log()
expect(log[#log] == "Button clicked! This shows regular Kryon UI working alongside Canvas", "button click logs, got " .. tostring(log[#log]))
expect(app.get("#demo_button").background_color == "#0077DDFF", "hovered button lighter")
-- run past the 3 s toggle in update_canvas
app.wait(3500)
expect(#app.errors() == 0, "no script errors after 4 s")
app.hover("#title")
app.screenshot("kryon-compat-canvas_demo.png")
