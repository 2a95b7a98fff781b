-- 04_User_Input_Controls/dropdown_simple.kry: a bound dropdown. The button toggles
-- is_country_menu_open (bound to the menu's visibility); the @for options call
-- select_country(index, option), which sets the button text and closes the menu; the selected
-- option switches to the "dropdown_option_selected" style through a ternary.
local function open() return app.var("is_country_menu_open") end

expect(open() == false, "menu starts closed")
expect(app.get("#country_menu").visible == false, "menu starts hidden")
expect(app.get("#country_button").text == "Select a Country", "placeholder text")
expect(app.get(".dropdown_option_selected") == nil, "no option selected at first")

app.click("#country_button")
expect(open() == true, "click opens the menu (variable)")
expect(app.get("#country_menu").visible == true, "click opens the menu (visible)")
local first = app.get("#country_menu > Button")
expect(first ~= nil and first.text == "United States", "first option is United States, got "
  .. tostring(first and first.text))
expect(first.classes[1] == "dropdown_option", "options use dropdown_option, got " .. tostring(first.classes[1]))

-- hover colour of an option
app.hover("#country_menu > Button")
app.wait(200) -- "transition: all 0.15s ease"
expect(app.get("#country_menu > Button").background_color == "#E9ECEFFF", "hovered option background, got "
  .. tostring(app.get("#country_menu > Button").background_color))

-- click the third option (Mexico) by position: options are stacked with gap 4
local x = first.x + first.width / 2
local y = first.y + first.height / 2 + 2 * (first.height + 4)
app.clickAt(x, y)
expect(app.var("selected_country_text") == "Mexico", "third option selects Mexico, got "
  .. tostring(app.var("selected_country_text")))
expect(app.get("#country_button").text == "Mexico", "button shows Mexico, got " .. tostring(app.get("#country_button").text))
expect(open() == false, "selecting closes the menu")
expect(app.get("#country_menu").visible == false, "menu hidden after selecting")
local log = app.log()
expect(log[#log] == "Country selected at index 3: Mexico", "handler got (index, option), got " .. tostring(log[#log]))

-- reopen: Mexico is now styled as selected
app.click("#country_button")
app.hover("#country_button")
app.wait(200) -- let the option colour transitions finish
local sel = app.get(".dropdown_option_selected")
expect(sel ~= nil and sel.text == "Mexico", "Mexico carries the selected style, got " .. tostring(sel and sel.text))
expect(sel and sel.background_color == "#0D6EFDFF", "selected option is blue, got " .. tostring(sel and sel.background_color))
expect(sel and sel.text_color == "#FFFFFFFF", "selected option text is white")
expect(app.get("#country_menu > Button").classes[1] == "dropdown_option", "United States is not selected")

-- pick the first option by selector
app.click("#country_menu > Button")
expect(app.var("selected_country_text") == "United States", "selects United States")
expect(app.get("#country_button").text == "United States", "button shows United States")
log = app.log()
expect(log[#log] == "Country selected at index 1: United States", "index is 1-based, got " .. tostring(log[#log]))

-- toggle open and closed without choosing
app.click("#country_button")
expect(open() == true, "reopens")
app.click("#country_button")
expect(open() == false, "toggles closed")
expect(app.get("#country_menu").visible == false, "menu hidden after toggling")
expect(app.var("selected_country_text") == "United States", "toggling keeps the selection")

expect(#app.errors() == 0, "no script errors")
app.click("#country_button")
app.hover(".dropdown_option_selected")
app.wait(300)
local hovered = app.get(".dropdown_option_selected").background_color
expect(hovered == "#0B5ED7FF", "hovered selected option is darker blue, got " .. tostring(hovered))
app.screenshot("kryon-compat-dropdown_simple.png")
