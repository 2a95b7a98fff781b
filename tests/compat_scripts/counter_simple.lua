-- 03_Buttons_and_Events/counter_simple.kry: +/-/Reset drive counter_value and its display.
local function display() return app.get("#counter_display").text end

expect(app.var("counter_value") == 0, "counter starts at 0")
expect(display() == "0", "display starts at 0, got " .. tostring(display()))

app.click("#increment_btn")
app.click("#increment_btn")
app.click("#increment_btn")
expect(app.var("counter_value") == 3, "three increments give 3, got " .. tostring(app.var("counter_value")))
expect(display() == "3", "display shows 3, got " .. tostring(display()))

app.click("#decrement_btn")
expect(app.var("counter_value") == 2, "decrement gives 2")
expect(display() == "2", "display shows 2, got " .. tostring(display()))

app.click("#decrement_btn")
app.click("#decrement_btn")
app.click("#decrement_btn")
expect(app.var("counter_value") == -1, "the counter goes negative, got " .. tostring(app.var("counter_value")))
expect(display() == "-1", "display shows -1, got " .. tostring(display()))

-- hover and active colours from the style's pseudo-states
local idle = app.get("#increment_btn").background_color
expect(idle == "#0066CCFF", "increment button idle colour, got " .. tostring(idle))
app.hover("#increment_btn")
local hovered = app.get("#increment_btn").background_color
expect(hovered == "#0077DDFF", "increment button hover colour, got " .. tostring(hovered))
app.press("#increment_btn")
local active = app.get("#increment_btn").background_color
expect(active == "#004499FF", "increment button active colour, got " .. tostring(active))
app.release("#increment_btn")
expect(app.var("counter_value") == 0, "press+release is a click, got " .. tostring(app.var("counter_value")))

app.click("#increment_btn")
app.click("#reset_btn")
expect(app.var("counter_value") == 0, "reset gives 0")
expect(display() == "0", "display shows 0 after reset, got " .. tostring(display()))

app.click("#increment_btn")
app.click("#increment_btn")
expect(display() == "2", "display shows 2 before the screenshot")

local log = app.log()
local found = false
for _, line in ipairs(log) do
  if line:find("INCREMENT BUTTON CLICKED", 1, true) then found = true end
end
expect(found, "increment printed its log line")
expect(#app.errors() == 0, "no script errors")

-- relative to the working directory; the Rust test runs from std::env::temp_dir()
app.screenshot("kryon-compat-counter_simple.png")
