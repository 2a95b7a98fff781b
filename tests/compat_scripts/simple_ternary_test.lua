-- 06_Managing_State/simple_ternary_test.kry: the button flips showBox between the strings "true"
-- and "false" (stored typed as booleans); the box's style ternary picks visible_style (flex) or
-- hidden_style (display: none).
expect(app.var("showBox") == true, "showBox starts true")
local box = app.get(".visible_style")
expect(box ~= nil and box.visible, "the box starts visible")
expect(box.width == 200 and box.height == 100, "box is 200x100, got " .. box.width .. "x" .. box.height)
expect(box.background_color == "#FF0000FF", "box is red")
expect(app.get(".visible_style > Text").text == "BOX", "box text")

app.click("Button")
expect(app.var("showBox") == false, "the string \"false\" is stored as boolean false, got " .. tostring(app.var("showBox")))
expect(app.get(".visible_style") == nil, "visible_style no longer applied")
local hidden = app.get(".hidden_style")
expect(hidden ~= nil and hidden.visible == false, "box hidden via display: none")
expect(app.get(".hidden_style > Text").visible == false, "its text is hidden too")

app.click("Button")
expect(app.var("showBox") == true, "toggles back to true")
expect(app.get(".visible_style") ~= nil and app.get(".visible_style").visible, "box visible again")
expect(app.get(".hidden_style") == nil, "hidden_style gone")

app.click("Button")
expect(app.get(".hidden_style") ~= nil and app.get(".hidden_style").visible == false, "hidden after a third click")
app.screenshot("kryon-compat-simple_ternary_test-hidden.png")
app.click("Button")

local log = app.log()
expect(#log == 12, "each click logs three lines (" .. #log .. ")")
expect(log[#log]:find("New showBox value:", 1, true) ~= nil, "last log line, got " .. tostring(log[#log]))
expect(#app.errors() == 0, "no script errors")
app.screenshot("kryon-compat-simple_ternary_test.png")
