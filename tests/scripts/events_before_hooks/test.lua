app.click("#btn")
expect(app.var("order") == "hook-pm5,hook-p0-a,hook-star-p0,hook-p10,hook-blocker,handler",
  "hooks by priority then registration, then handlers: " .. app.var("order"))
app.setVar("block", true)
app.click("#btn")
expect(app.var("order") == "hook-pm5,hook-p0-a,hook-star-p0,hook-p10,hook-blocker",
  "returning false cancels the handlers: " .. app.var("order"))
app.click("#box")
expect(app.var("checked_var") == false, "a cancelled click has no default action")
app.setVar("block", false)
app.click("#box")
expect(app.var("checked_var") == true, "uncancelled click toggles")
expect(app.var("any_cancelled") == "-CC-", "onAny sees every click with cancelled flag: " .. app.var("any_cancelled"))
no_errors()
