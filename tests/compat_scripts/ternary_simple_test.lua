-- 06_Managing_State/ternary_simple_test.kry: ternaries in style/text/colour bindings follow
-- is_active (Toggle Active), test_value (Increment) and selected_color (Red/Blue/Green).
-- The buttons carry no ids: Blue, Green and Increment are clicked by position (see below).
expect(app.get(".active_style") ~= nil, "active_style first")
expect(app.get(".active_style > Text").text == "Status: ACTIVE", "status ACTIVE")
expect(app.get(".active_style").background_color == "#4CAF50FF", "green status box")

app.click(".active_style > Button")
expect(app.var("is_active") == false, "toggle makes is_active false")
expect(app.get(".active_style") == nil and app.get(".inactive_style") ~= nil, "style swaps to inactive_style")
expect(app.get(".inactive_style > Text").text == "Status: INACTIVE", "status INACTIVE")
expect(app.get(".inactive_style").background_color == "#CCCCCCFF", "grey status box")
expect(app.get(".inactive_style > Text").text_color == "#666666FF", "grey status text")
app.click(".inactive_style > Button")
expect(app.var("is_active") == true, "toggle back")
expect(app.get(".active_style > Text").text == "Status: ACTIVE", "status ACTIVE again")

-- Test 3: colour buttons in a packed row; Green is the last one, Blue follows Red (gap 10)
local red = app.get(".red_style > Container > Button")
local row = app.get(".red_style > Container")
expect(red.text == "Red", "first colour button is Red")
expect(app.get(".red_style > Text").text == "Color: red", "Color: red")
app.clickAt(red.x + red.width + 10 + 8, red.y + red.height / 2)
expect(app.var("selected_color") == "blue", "Blue selects blue, got " .. tostring(app.var("selected_color")))
expect(app.get(".blue_style") ~= nil and app.get(".red_style") == nil, "nested ternary picks blue_style")
expect(app.get(".blue_style").background_color == "#0000FFFF", "blue box")
expect(app.get(".blue_style > Text").text == "Color: blue", "Color: blue")
app.clickAt(row.x + row.width - 10, red.y + red.height / 2)
expect(app.var("selected_color") == "green", "Green selects green, got " .. tostring(app.var("selected_color")))
expect(app.get(".default_style") ~= nil, "nested ternary falls through to default_style")
expect(app.get(".default_style").background_color == "#888888FF", "grey default box")
expect(app.get(".default_style > Text").text == "Color: green", "Color: green")
app.click(".default_style > Container > Button")
expect(app.var("selected_color") == "red", "Red selects red")
expect(app.get(".red_style") ~= nil, "red_style again")

-- Test 2: the Increment button is the last thing in the container just above Test 3
-- (App gap 20, container padding 20), stretched across the centred container.
local t3 = app.get(".red_style")
local btn_h = red.height
local function increment() app.clickAt(250, t3.y - 20 - 20 - btn_h / 2) end
for i = 1, 3 do increment() end
expect(app.var("test_value") == 8, "three increments give 8, got " .. tostring(app.var("test_value")))
local log = app.log()
expect(log[#log] == "[TERNARY_TEST] test_value incremented to:\t8", "increment log, got " .. tostring(log[#log]))
-- (the screenshot shows Test 2 at "Value: 8" / "High Value!" on green; its nodes have no selector)
expect(#app.errors() == 0, "no script errors")
app.screenshot("kryon-compat-ternary_simple_test.png")
