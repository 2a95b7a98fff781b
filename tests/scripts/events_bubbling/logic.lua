local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s)
  parts[#parts + 1] = s
  order = table.concat(parts, ",")
end

function on_btn(e)
  add("btn-markup")
  check("target", e.target == getElementById("btn"))
  check("currentTarget at target", e.currentTarget == getElementById("btn"))
  check("type", e.type == "click")
  check("coordinates", type(e.x) == "number" and type(e.localX) == "number")
  check("button", e.button == 0)
  check("timestamp", type(e.timestamp) == "number")
end
function on_outer(e)
  add("outer-markup")
  check("currentTarget bubbles", e.currentTarget == getElementById("outer") and e.target == getElementById("btn"))
end
function on_app(e) add("app-markup") end

getElementById("btn"):on("click", function() add("btn-p5") end, { priority = 5 })
getElementById("btn"):on("click", function() add("btn-pm1") end, { priority = -1 })
getElementById("btn"):on("click", function() add("btn-p0") end)
kryon.on("outer", "click", function() add("outer-listener") end)
kryon.on("*", "click", function(e)
  add("star")
  check("star currentTarget nil", e.currentTarget == nil)
end)
addEventListener(getRootElement(), "click", function() add("app-listener") end)
kryon.on("outer", "click", function() add("outer-capture") end, { capture = true })

local hover_parts = {}
function on_btn_hover() hover_parts[#hover_parts + 1] = "btn" end
kryon.on("outer", "hover", function(e)
  if e.target == getElementById("btn") then hover_parts[#hover_parts + 1] = "outer" end
end)
kryon.on("*", "press", function() parts = {} end)
function reset_hover() hover_parts = {} end
kryon.on("*", "hover", function(e)
  if e.target == getElementById("btn") then hover_parts[#hover_parts + 1] = "star" end
  order = table.concat(hover_parts, ",")
end)
