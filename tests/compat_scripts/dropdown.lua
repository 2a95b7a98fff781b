-- 02_Layouts/dropdown.kry: the button toggles an absolute menu (z_index 9999) over the result
-- text; picking an option renames the button, closes the menu and rewrites the result text.
local function menu_visible() return app.get("#dropdown_menu").visible end

expect(app.var("dropdown_open") == false, "menu starts closed")
expect(menu_visible() == false, "menu starts hidden")
expect(app.get("#option1").visible == false, "options start hidden")
expect(app.get("#dropdown_btn").text == "Choose an option...", "button placeholder text")
expect(app.get("#result_text").text == "Please select an option from the dropdown above", "result placeholder")
expect(app.get("#dropdown_btn").background_color == "#FFFFFFFF", "button idle background")

-- open
app.click("#dropdown_btn")
expect(app.var("dropdown_open") == true, "click opens (variable)")
expect(menu_visible() == true, "click opens (menu visible)")
expect(app.get("#dropdown_btn").checked == true, "button is checked while open")
-- hover is still on the button; move away to see the &:checked colour
app.clickAt(590, 390) -- App background: no handler
app.hover("#result_text")
local bg = app.get("#dropdown_btn").background_color
expect(bg == "#E6F3FFFF", "checked button background, got " .. tostring(bg))
local menu = app.get("#dropdown_menu")
local btn = app.get("#dropdown_btn")
local wrap = app.get("#dropdown_wrapper")
-- absolute top: 46 from the wrapper's padding box (inside its 2 px border): it overlaps the
-- 44 px button's bottom edge by 8 px, as authored
expect(menu.y == wrap.y + 2 + 46, "menu top is 46 below the wrapper's padding edge, menu.y=" .. menu.y)
expect(menu.y > btn.y, "menu opens below the button's top")
expect(menu.width == 220, "menu is 220 wide, got " .. tostring(menu.width))

-- close by toggling
app.click("#dropdown_btn")
expect(app.var("dropdown_open") == false, "second click closes (variable)")
expect(menu_visible() == false, "second click closes (menu hidden)")
expect(app.get("#dropdown_btn").checked == false, "button unchecked when closed")

-- the hidden menu does not eat clicks: clicking where the last option would be (over the result
-- text) selects nothing
app.clickAt(menu.x + menu.width / 2, menu.y + menu.height - 10)
expect(app.var("selected_item") == "Choose an option...", "a hidden option cannot be clicked, got "
  .. tostring(app.var("selected_item")))
expect(app.get("#result_text").text == "Please select an option from the dropdown above", "result unchanged")
-- open and pick Analytics (option2 overlaps the result text: the menu must be on top)
app.click("#dropdown_btn")
app.hover("#option2")
expect(app.get("#option2").background_color == "#E6F3FFFF", "hovered option highlights, got "
  .. tostring(app.get("#option2").background_color))
app.click("#option2")
expect(app.var("selected_item") == "Analytics", "selected_item is Analytics, got " .. tostring(app.var("selected_item")))
expect(app.get("#dropdown_btn").text == "Analytics", "button shows Analytics")
expect(app.get("#result_text").text == "You selected: Analytics - Great for data insights!", "result text for Analytics")
expect(menu_visible() == false, "selection closes the menu")
expect(app.var("dropdown_open") == false, "selection resets dropdown_open")

app.click("#dropdown_btn")
app.click("#option3")
expect(app.get("#dropdown_btn").text == "Settings", "button shows Settings")
expect(app.get("#result_text").text == "You selected: Settings - Configure your preferences!", "result text for Settings")

app.click("#dropdown_btn")
app.click("#option1")
expect(app.var("selected_item") == "Documents", "selected_item is Documents")
expect(app.get("#result_text").text == "You selected: Documents - Perfect for file management!", "result text for Documents")
expect(menu_visible() == false, "menu closed at the end")

local log = app.log()
expect(log[#log] == "Selected: Documents", "last log line, got " .. tostring(log[#log]))
expect(#app.errors() == 0, "no script errors")
app.screenshot("kryon-compat-dropdown.png")

-- open again for a picture of the overlay
app.click("#dropdown_btn")
app.hover("#option2")
app.screenshot("kryon-compat-dropdown-open.png")
