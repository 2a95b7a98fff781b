local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; log_text = table.concat(parts, ",") end

local once_id = getElementById("a"):on("click", function() add("once") end, { once = true })
local star_id = kryon.on("*", "click", function(e) add("star:" .. (e.target.id or "?")) end)
local any_id = kryon.onAny(function(e)
  if e.type == "click" or e.type == "ping" then add("any:" .. e.type) end
end)
check("ids are distinct", once_id ~= star_id and star_id ~= any_id)

function remove_all()
  check("off star", kryon.off(star_id))
  check("off onAny", kryon.off(any_id))
  check("off spent once listener", not kryon.off(once_id))
  parts = {}
  log_text = ""
end
