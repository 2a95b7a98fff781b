app.click("#run")
checks(18)
no_errors()
