app.click("#btn")
checks(8)
no_errors()
local want = "outer-capture,btn-pm1,btn-markup,btn-p0,btn-p5,outer-markup,outer-listener,app-markup,app-listener,star"
expect(app.var("order") == want, "bubbling order: got " .. app.var("order"))
app.click("#away")
app.hover("#btn")
expect(app.var("order") == "btn,star", "hover does not bubble but reaches \"*\": " .. app.var("order"))
