local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; got = table.concat(parts, ",") end

kryon.on("*", "saved", function(e)
  add("star:" .. tostring(e.data and e.data.n))
end)
kryon.on("panel", "saved", function(e)
  add("panel:" .. e.data.n)
  check("custom event target", e.target == getElementById("src"))
end)
kryon.on("*", "before:vetoed", function() return false end)
kryon.on("*", "vetoed", function() add("vetoed-ran") end)

function fire()
  parts = {}
  local r = kryon.emit("saved", { n = 1 }, getElementById("src"))
  check("emit returns true", r == true)
  add("after-emit")  -- dispatch is synchronous
  getElementById("src"):emit("saved", { n = 2 })
  local ok, err = pcall(kryon.emit, "click", {})
  check("S0107 built-in name", not ok and tostring(err):find("S0107") ~= nil, err)
  ok, err = pcall(kryon.emit, "change", {})
  check("S0107 change", not ok and tostring(err):find("S0107") ~= nil, err)
end

function fire_cancelled()
  result = tostring(kryon.emit("vetoed", {}))
end
