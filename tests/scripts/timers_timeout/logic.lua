local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; order = table.concat(parts, ",") end

function start()
  parts = {}
  order = ""
  kryon.setTimeout(function() add("c50") end, 50)
  setTimeout(function() add("a10") end, 10)
  setTimeout(function() add("b10") end, 10)
  setTimeout(function(x, y) add("args:" .. x .. y) end, 20, "p", "q")
  setTimeout(function()
    add("neg")
    setTimeout(function() add("nested0") end, 0)
  end, -5)
  add("sync")
end

function start_and_cancel()
  parts = {}
  order = ""
  local id = setTimeout(function() add("cancelled-ran") end, 10)
  setTimeout(function() add("kept") end, 10)
  check("clearTimeout found", clearTimeout(id) == true)
  check("clearTimeout again", clearTimeout(id) == false)
  check("clearTimer unknown", kryon.clearTimer(999999) == false)
end
