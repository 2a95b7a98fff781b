-- 99_Showcase_Apps/Calculator/calculator.kry: a 4x5 grid of 60 px CalculatorButton instances
-- (no ids) whose actions are inline "function() inputNumber(7) end" strings. Buttons are clicked
-- by grid position from the first one ("C"). Lua 5.4's `/` yields floats, so 8 / 2 shows "4.0"
-- (compat README quirk).
local c = app.get("Button")
expect(c ~= nil and c.text == "C", "first button is C, got " .. tostring(c and c.text))
expect(c.width == 60 and c.height == 60, "buttons are 60x60, got " .. c.width .. "x" .. c.height)

local grid = {
  C = { 0, 0 }, CE = { 1, 0 }, ["±"] = { 2, 0 }, ["/"] = { 3, 0 },
  ["7"] = { 0, 1 }, ["8"] = { 1, 1 }, ["9"] = { 2, 1 }, ["*"] = { 3, 1 },
  ["4"] = { 0, 2 }, ["5"] = { 1, 2 }, ["6"] = { 2, 2 }, ["-"] = { 3, 2 },
  ["1"] = { 0, 3 }, ["2"] = { 1, 3 }, ["3"] = { 2, 3 }, ["+"] = { 3, 3 },
  ["0"] = { 0, 4 }, ["."] = { 2, 4 }, ["="] = { 3, 4 },
}
local function press(key)
  local g = grid[key]
  app.clickAt(c.x + g[1] * 68 + 30, c.y + g[2] * 68 + 30)
end
local function keys(s)
  for k in s:gmatch("%S+") do press(k) end
end
local function display() return app.get("#display").text end

expect(display() == "0", "display starts at 0, got " .. tostring(display()))
keys("7")
expect(display() == "7", "7 shows 7, got " .. display())
keys("C")
expect(display() == "0", "C clears")

keys("1 2 + 3 =")
expect(display() == "15", "12+3= shows 15, got " .. display())
keys("C 8 / 2 =")
expect(display() == "4.0", "8/2= shows 4.0 (Lua 5.4 float division), got " .. display())
keys("C 9 * 6 =")
expect(display() == "54", "9*6= shows 54, got " .. display())
keys("C 5 - 8 =")
expect(display() == "-3", "5-8= shows -3, got " .. display())
-- chained operations evaluate left to right
keys("C 2 + 3 * 4 =")
expect(display() == "20", "2+3*4= chains to 20, got " .. display())
-- decimal point and zero
keys("C 1 . 5 + 0 . 5 =")
expect(display() == "2.0", "1.5+0.5= shows 2.0, got " .. display())
keys("C 1 0 0")
expect(display() == "100", "0 appends, got " .. display())
-- CE clears only the entry
keys("C 4 + 7 CE 2 =")
expect(display() == "6", "4+7 CE 2= shows 6, got " .. display())
-- division by zero yields 0 (the script's own guard)
keys("C 5 / 0 =")
expect(display() == "0", "5/0= shows 0, got " .. display())

-- colours from the styles (extends + $variables)
expect(c.background_color == "#DC3545FF", "C is red, got " .. c.background_color)
expect(app.get("#display").text_color == "#00FF00FF", "display text is green")

keys("C 1 2 + 3 =")
expect(#app.errors() == 0, "no script errors")
app.hover("#display")
app.screenshot("kryon-compat-calculator.png")
