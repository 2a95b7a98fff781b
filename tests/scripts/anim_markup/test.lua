local f0 = app.get("#flash").background_color
app.wait(200)
local f1 = app.get("#flash").background_color
expect(f1 ~= "#00FF00FF" and f1 ~= "#FF0000FF" and f1 ~= "#0000FFFF", "keyframes in progress: " .. tostring(f0) .. " -> " .. tostring(f1))
app.wait(400)
expect(app.get("#flash").background_color == "#00FF00FF", "fill none removes the layer: " .. app.get("#flash").background_color)
expect(app.get("#keep").background_color == "#0000FFFF", "forwards keeps the last frame: " .. app.get("#keep").background_color)
expect(app.get("#tile").background_color == "#000000FF", "tile starts black")
app.click("#light")
app.wait(200)
local mid = app.get("#tile").background_color
expect(mid ~= "#000000FF" and mid ~= "#FFFFFFFF", "transition in progress: " .. mid)
app.wait(300)
expect(app.get("#tile").background_color == "#FFFFFFFF", "transition ends at the new value")
no_errors()
