-- 07_Conditional_Rendering_and_Loops/for_loop_demo.kry: @for makes five buttons "[index] item"
-- (1-based); the string handler "selectItem" is called with (item, index, event) in a loop, so
-- clicking a button sets selected_item and the result text to that item.
local first = app.get(".test_button")
expect(first ~= nil and first.text == "[1] Apple", "first button is \"[1] Apple\", got " .. tostring(first and first.text))
expect(first.background_color == "#007BFFFF", "buttons are blue")
expect(first.height == 40, "button height 40")
expect(app.get("#result_display").text == "Nothing selected", "nothing selected at first")

-- buttons stack vertically: gap 10 plus 5 px margins on both sides
local pitch = first.height + 10 + 10
local function click_nth(n)
  app.clickAt(first.x + first.width / 2, first.y + first.height / 2 + (n - 1) * pitch)
end

local names = { "Apple", "Banana", "Cherry", "Date", "Elderberry" }
for _, n in ipairs({ 3, 1, 5, 2, 4 }) do
  click_nth(n)
  expect(app.var("selected_item") == names[n], "button " .. n .. " selects " .. names[n] .. ", got " .. tostring(app.var("selected_item")))
  expect(app.get("#result_display").text == "Selected: " .. names[n], "result shows " .. names[n] .. ", got " .. tostring(app.get("#result_display").text))
  local log = app.log()
  expect(log[#log] and log[#log]:find(names[n], 1, true) ~= nil, "log names " .. names[n])
end

-- clicking between buttons (in the gap) selects nothing new
app.clickAt(first.x + first.width / 2, first.y + first.height + 10)
expect(app.var("selected_item") == "Date", "a click in the gap changes nothing")

app.hover(".test_button")
expect(app.get(".test_button").background_color == "#0056B3FF", "hovered button darkens")
expect(#app.errors() == 0, "no script errors")
click_nth(4)
app.screenshot("kryon-compat-for_loop_demo.png")
