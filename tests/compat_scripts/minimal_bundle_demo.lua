-- 10_Embedding_Views/minimal_bundle_demo.kry: the button sets #status to "Button clicked!".
-- The Button stretches to the column width (accepted difference in the compat README).
local status = app.get("#status")
expect(status.text == "Ready", "status starts Ready, got " .. tostring(status.text))
expect(status.text_color == "#006600FF", "status is green (color: alias), got " .. tostring(status.text_color))
local btn = app.get("Button")
expect(btn.text == "Click me!", "button text")
expect(math.abs(btn.width - 360) < 1, "button stretches across the padded column, width " .. btn.width)
local title = app.get("Text")
expect(title.text == "Minimal Bundle Demo", "title first")
expect(btn.y > title.y and status.y > btn.y, "children stack vertically")

app.click("Button")
expect(app.get("#status").text == "Button clicked!", "click updates the status, got " .. tostring(app.get("#status").text))
app.click("Button")
expect(app.get("#status").text == "Button clicked!", "clicking again keeps it")
expect(#app.errors() == 0, "no script errors")
app.hover("#status")
app.screenshot("kryon-compat-minimal_bundle_demo.png")
