app.click("#web")
local opened = app.opened()
expect(#opened == 1 and opened[1] == "https://example.org/docs", "a Link click opens its href")
app.click("#prevented")
expect(#app.opened() == 1, "a prevented click opens nothing")
app.click("#local")
expect(#app.opened() == 1, "a file: URL is not opened without the process permission")
local warned = false
for _, line in ipairs(app.log()) do
  if line:find("file:///etc/passwd", 1, true) and line:find("not opened", 1, true) then
    warned = true
  end
end
expect(warned, "the refused URL is logged as a warning")
app.click("#mail")
opened = app.opened()
expect(#opened == 2 and opened[2] == "mailto:team@example.org", "mailto opens")
no_errors()
