local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; order = table.concat(parts, ",") end
kryon.on("*", "press", function() parts = {} end)

function on_btn() add("handler") end
kryon.on("btn", "before:click", function() add("hook-p10") end, { priority = 10 })
kryon.on("btn", "before:click", function() add("hook-p0-a") end)
kryon.on("*", "before:click", function() add("hook-star-p0") end)
kryon.on("btn", "before:click", function() add("hook-pm5") end, { priority = -5 })
kryon.on("btn", "before:click", function()
  add("hook-blocker")
  if block then return false end
  return nil
end, { priority = 20 })
kryon.on("box", "before:click", function()
  if block then return false end
end)
kryon.onAny(function(e)
  if e.type == "click" then
    any_cancelled = any_cancelled .. (e.cancelled and "C" or "-")
  end
end)
