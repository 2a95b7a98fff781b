-- 04_User_Input_Controls/tabbar_simple.kry: three tab buttons; the clicked one becomes checked
-- (blue via &:checked), the others unchecked, current_tab follows and the content text changes.
local BLUE, GREY, HOVER = "#0066CCFF", "#404040FF", "#505050FF"
local tabs = { "#tab_home", "#tab_profile", "#tab_settings" }

local function only_checked(k, label)
  for i, sel in ipairs(tabs) do
    local t = app.get(sel)
    expect(t.checked == (i == k), label .. ": " .. sel .. " checked should be " .. tostring(i == k))
  end
end

only_checked(1, "initially")
expect(app.var("current_tab") == 0, "current_tab starts at 0")
expect(app.get("#tab_home").background_color == BLUE, "Home starts blue, got " .. app.get("#tab_home").background_color)
expect(app.get("#tab_profile").background_color == GREY, "Profile starts grey")
expect(app.get("#content_text").text:find("HOME TAB", 1, true) == 1, "home content first")

-- the three tabs share the 800 px bar equally (flex_grow 1, basis 0); the bar has a 1 px border
local h, p, s = app.get("#tab_home"), app.get("#tab_profile"), app.get("#tab_settings")
expect(math.abs(h.width - p.width) < 1 and math.abs(p.width - s.width) < 1, "equal tab widths")
expect(h.x < p.x and p.x < s.x, "tabs in a row")
expect(math.abs(h.width * 3 - 798) < 2, "tabs fill the bar, width " .. h.width)

app.hover("#tab_profile")
expect(app.get("#tab_profile").background_color == HOVER, "hovered tab lightens, got " .. app.get("#tab_profile").background_color)

app.click("#tab_profile")
only_checked(2, "after Profile")
expect(app.var("current_tab") == 1, "current_tab is 1")
expect(app.get("#content_text").text == "PROFILE TAB - Manage your user profile and personal settings here.", "profile content")
-- hovered and checked: checked wins (later state in the cascade order)
expect(app.get("#tab_profile").background_color == BLUE, "hovered checked tab is blue, got " .. app.get("#tab_profile").background_color)
expect(app.get("#tab_home").background_color == GREY, "Home turns grey, got " .. app.get("#tab_home").background_color)

app.click("#tab_settings")
only_checked(3, "after Settings")
expect(app.var("current_tab") == 2, "current_tab is 2")
expect(app.get("#content_text").text == "SETTINGS TAB - Configure application preferences and system options.", "settings content")

app.click("#tab_home")
only_checked(1, "back to Home")
expect(app.var("current_tab") == 0, "current_tab is 0 again")
expect(app.get("#content_text").text:find("HOME TAB", 1, true) == 1, "home content again")

app.click("#tab_settings")
app.hover("#content_text")
expect(app.get("#tab_settings").background_color == BLUE, "Settings blue")
expect(app.get("#tab_home").background_color == GREY, "Home grey")

local log = app.log()
expect(log[#log] == "Switched to Settings tab", "last log line, got " .. tostring(log[#log]))
expect(#app.errors() == 0, "no script errors")
app.screenshot("kryon-compat-tabbar_simple.png")
