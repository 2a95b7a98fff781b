local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; order = table.concat(parts, ",") end
kryon.on("*", "press", function() parts = {} end)

function on_btn(e)
  add("btn-markup")
  if mode == "stop" then e:stopPropagation() end
  if mode == "immediate" then e:stopImmediatePropagation() end
end
getElementById("btn"):on("click", function() add("btn-listener") end)
function on_outer() add("outer") end
function on_app() add("app") end
kryon.on("*", "click", function() add("star") end)

kryon.on("agree", "click", function(e)
  if mode == "prevent" then
    e:preventDefault()
    check("defaultPrevented", e.defaultPrevented == true)
  end
end)
