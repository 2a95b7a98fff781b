app.click("#run")
checks(20)
no_errors()
