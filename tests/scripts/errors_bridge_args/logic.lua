local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local function err_of(f, ...)
  local ok, e = pcall(f, ...)
  return not ok and tostring(e) or "no error"
end

function run_checks()
  local btn = getElementById("run")
  local m = err_of(kryon.setTimeout, 5, 10)
  check("setTimeout fn type", m:find("setTimeout: argument 1 (fn): expected function", 1, true) ~= nil and m:find("got number", 1, true) ~= nil, m)
  m = err_of(kryon.getElementById, 42)
  check("getElementById id type", m:find("getElementById: argument 1 (id): expected string, got number", 1, true) ~= nil, m)
  m = err_of(function() btn:setProperty(42, "x") end)
  check("method receiver not counted", m:find("setProperty: argument 1 (name): expected string, got number", 1, true) ~= nil, m)
  m = err_of(function() btn:addClass(nil) end)
  check("addClass nil", m:find("addClass: argument 1", 1, true) ~= nil and m:find("got nil", 1, true) ~= nil, m)
  m = err_of(kryon.animate, "notanelement", { property = "opacity", to = 1 })
  check("animate element type", m:find("argument 1", 1, true) ~= nil and m:find("expected", 1, true) ~= nil, m)
  m = err_of(kryon.on, "run", "click", 5)
  check("on fn type", m:find("on: argument 3 (fn): expected function", 1, true) ~= nil and m:find("got number", 1, true) ~= nil, m)
  check("app survives", getElementById("run") ~= nil)
end
