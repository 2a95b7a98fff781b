local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

-- top-level code can read variables: they exist before any script runs
loaded_count = count

function inc()
  count = count + 1
end

function run_checks()
  check("read at load", loaded_count == 0)
  check("integer stays integer", math.type(count) == "integer")
  check("float", ratio == 0.5)
  count = count + 5
  check("write visible immediately", count == 5 and kryon.getVariable("count") == 5)
  check("bound text recomputes on read", getElementById("count_text").text == "Count: 5", getElementById("count_text").text)
  count = "7"
  check("numeric string to number", count == 7 and math.type(count) == "integer", count)
  count = 2.0
  check("integral float stored as int", math.type(count) == "integer", math.type(count))
  flag = "false"
  check("'false' to boolean", flag == false, tostring(flag))
  flag = "true"
  check("'true' to boolean", flag == true, tostring(flag))
  name = 12
  check("number to string", name == "12", name)
  name = true
  check("boolean to string", name == "true", name)
  tint = "#f00"
  check("colour normalised", tint == "#FF0000FF", tint)
  local ok, err = pcall(function() count = "abc" end)
  check("bad conversion S0112", not ok and tostring(err):find("S0112") ~= nil, err)
  check("failed write leaves value", count == 2, count)
  ok, err = pcall(function() flag = {} end)
  check("table to boolean S0112", not ok and tostring(err):find("S0112") ~= nil, err)
  ok, err = pcall(rawset, _G, "count", 3)
  check("rawset S0112", not ok and tostring(err):find("S0112") ~= nil, err)
  check("kept out of raw _G", rawget(_G, "count") == nil)
  ok, err = pcall(kryon.setVariable, "undeclared_thing", 1)
  check("setVariable undeclared S0112", not ok and tostring(err):find("S0112") ~= nil, err)
  check("hasVariable", kryon.hasVariable("count") and not kryon.hasVariable("undeclared_thing"))
  local copy = items
  copy[3] = 3
  check("arrays are copies", #items == 2)
  items = copy
  check("assign back", #items == 3 and items[3] == 3)
  kryon.update("count", function(v) return v * 10 end)
  check("update", count == 20, count)
  kryon.setVariable("mode", "false")
  check("string 'false' stays a string", mode == "false", mode)
end
