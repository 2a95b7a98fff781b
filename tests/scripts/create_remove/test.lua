app.click("#run")
checks(18)
no_errors()
expect(app.get("#b") == nil, "removed element gone from the tree")
expect(app.get("#a").text == "A", "created element is in the tree")
expect(app.get("#a").height > 0, "created element has a layout box")
app.click("#added")
local found = false
for _, l in ipairs(app.log()) do if l == "added clicked" then found = true end end
expect(found, "a function handler given to createElement runs on click")
