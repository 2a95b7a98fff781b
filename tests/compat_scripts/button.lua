-- 03_Buttons_and_Events/button.kry: one centred button whose click prints a greeting.
local btn = app.get("Button")
expect(btn ~= nil, "the button exists")
expect(btn.text == "Click Me!", "button text, got " .. tostring(btn and btn.text))
expect(btn.width == 150 and btn.height == 50, "button is 150x50, got " .. tostring(btn.width) .. "x" .. tostring(btn.height))
-- centred in the 600x400 window
expect(math.abs((btn.x + btn.width / 2) - 300) <= 1, "button centred horizontally, x=" .. tostring(btn.x))
expect(math.abs((btn.y + btn.height / 2) - 200) <= 1, "button centred vertically, y=" .. tostring(btn.y))
expect(btn.background_color == "#404080FF", "button background, got " .. tostring(btn.background_color))
-- Button's built-in text_color #000000FF (kry spec §13 defaults) beats the inherited orange
expect(btn.text_color == "#000000FF", "button keeps its built-in black text, got " .. tostring(btn.text_color))

expect(#app.log() == 0, "nothing logged before the click")
app.click("Button")
local log = app.log()
expect(#log == 1, "one line logged per click, got " .. #log)
expect(log[1] and log[1]:find("Button clicked! Hello from Lua script!", 1, true) ~= nil,
  "the click handler printed its greeting, got " .. tostring(log[1]))
app.click("Button")
expect(#app.log() == 2, "a second click logs again, got " .. #app.log())

-- a click on the background does nothing
app.clickAt(10, 10)
expect(#app.log() == 2, "clicking outside the button logs nothing")
expect(#app.errors() == 0, "no script errors")

app.screenshot("kryon-compat-button.png")
