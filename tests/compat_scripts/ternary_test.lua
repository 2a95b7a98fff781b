-- 06_Managing_State/ternary_test.kry: toggle_visibility flips isOpen ("true"/"false" strings,
-- stored as booleans); ternaries drive the button label, the container's style (display: none
-- when closed), and the status text and its colour.
local function check(open, label)
  expect(app.var("isOpen") == open, label .. ": isOpen is " .. tostring(open) .. ", got " .. tostring(app.var("isOpen")))
  local btn = app.get("#toggle_btn")
  expect(btn.text == (open and "Hide Container" or "Show Container"), label .. ": button label, got " .. btn.text)
  local box = app.get("#test_container")
  expect(box.visible == open, label .. ": container visible == " .. tostring(open))
  expect(box.classes[1] == (open and "test_container" or "hidden_container"), label .. ": container style, got " .. tostring(box.classes[1]))
  local st = app.get("#status_text")
  expect(st.text == (open and "Container is VISIBLE" or "Container is HIDDEN"), label .. ": status text, got " .. st.text)
  expect(st.text_color == (open and "#00FF00FF" or "#FF0000FF"), label .. ": status colour, got " .. st.text_color)
end

check(true, "initially")
local box = app.get("#test_container")
expect(box.width == 300 and box.height == 80, "container is 300x80")
expect(app.get("#toggle_btn").background_color == "#0066CCFF", "button idle blue")

app.click("#toggle_btn")
check(false, "after one click")
expect(app.get("#toggle_btn").background_color == "#0052A3FF", "hovered button darker, got " .. app.get("#toggle_btn").background_color)
-- the status text moves up into the freed space
local st_closed = app.get("#status_text")

app.click("#toggle_btn")
check(true, "after two clicks")
expect(app.get("#status_text").y > st_closed.y, "status text moves down when the container returns")

app.click("#toggle_btn")
check(false, "after three clicks")
app.hover("#status_text")
app.screenshot("kryon-compat-ternary_test-hidden.png")
app.click("#toggle_btn")
check(true, "after four clicks")

local log = app.log()
expect(log[#log]:find("New isOpen state:", 1, true) ~= nil, "handler logs the new state")
expect(#app.errors() == 0, "no script errors")
app.hover("#status_text")
app.screenshot("kryon-compat-ternary_test.png")
