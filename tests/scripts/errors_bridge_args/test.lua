app.click("#run")
checks(7)
no_errors()
