local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local fade, grow, quad, stepped
function start()
  local box = getElementById("box")
  local eased = getElementById("eased")
  fade = kryon.animate(box, {
    property = "opacity", from = 0, to = 1, duration = 1000, easing = "linear",
    onComplete = function(h) done = done .. "fade:" .. tostring(h == fade) .. ";" end,
  })
  grow = box:animate({ property = "width", from = 100, to = 200, duration = 1000, easing = "linear",
    onComplete = function() done = done .. "grow;" end })
  quad = kryon.animate(eased, { property = "opacity", from = 0, to = 1, duration = 1000, easing = "ease_in_quad" })
  stepped = kryon.animate(eased, { property = "height", from = 0, to = 40, duration = 1000, easing = "steps(4)" })
  kryon.animate(box, { property = "background_color", from = "#000000", to = "#FFFFFF", duration = 1000, easing = "linear" })
  state = fade.state
end

function read_probe()
  local box = getElementById("box")
  local eased = getElementById("eased")
  probe = string.format("%.3f|%.1f|%.3f|%s|%s|%s", box:getComputed("opacity"), box:getComputed("width"),
    eased:getComputed("opacity"), tostring(eased:getComputed("height")),
    tostring(box:getProperty("opacity")), fade.state)
end

function cancel_width()
  grow:cancel()
  state = grow.state
end

function bad_property()
  local ok, err = pcall(kryon.animate, getElementById("box"), { property = "text", to = "x" })
  check("S0108 not animatable", not ok and tostring(err):find("S0108") ~= nil, err)
  local box = getElementById("box")
  local first = kryon.animate(box, { property = "opacity", from = 1, to = 0, duration = 500 })
  local second = kryon.animate(box, { property = "opacity", to = 0.5, duration = 500 })
  check("new animate cancels the old one", first.state == "cancelled", first.state)
  check("second running", second.state == "running", second.state)
end
