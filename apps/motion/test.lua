-- `kryon test apps/motion/main.kry apps/motion/test.lua`: drives the demo like a user.
app.click("#add")
app.click("#add")
expect(app.var("chips") == 2, "two chips created")
app.click("#chips > *")
expect(app.var("chips") == 1, "clicking a chip removes it")

app.click("#run")
app.wait(500)
expect(app.get("#status").text:find("Step 2") ~= nil, "the coroutine is at step 2 after 0.5 s")
app.wait(1500)
expect(app.get("#status").text:find("Done") ~= nil, "the coroutine finished")
expect(app.get("#progress").width > 300, "the progress bar is full")

app.click("#bounce")
app.click("#play")
app.wait(1500)
local log = app.log()
expect(log[#log] == "sequence finished", "the sequence ran its function item last")

expect(app.var("seconds") >= 3, "the interval timer ticks every second")
expect(#app.errors() == 0, "no script errors")
