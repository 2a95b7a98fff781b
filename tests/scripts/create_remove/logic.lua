local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local function ids(el)
  local out = {}
  for _, c in ipairs(el:getChildren()) do out[#out + 1] = c.id or "?" end
  return table.concat(out, ",")
end

function added_click()
  print("added clicked")
end

function probe() end

function run_checks()
  local list = getElementById("list")
  local a = kryon.createElement("Text", { id = "a", text = "A" })
  check("created detached", a:getParent() == nil and a:isAlive())
  check("created props", a.text == "A" and a.id == "a")
  list:appendChild(a)
  check("appendChild", ids(list) == "first,a" and a:getParent() == list, ids(list))
  local b = kryon.createElement("Text", { id = "b", text = "B" })
  list:insertBefore(b, a)
  check("insertBefore", ids(list) == "first,b,a", ids(list))
  kryon.insertBefore(list, a, getElementById("first"))
  check("insert moves attached", ids(list) == "a,first,b", ids(list))
  kryon.appendChild(list, a)
  check("append moves to end", ids(list) == "first,b,a", ids(list))
  check("lookup finds created", getElementById("b") == b)
  local btn = kryon.createElement("Button", { id = "added", text = "Added", onClick = added_click })
  kryon.getRoot():appendChild(btn)
  b:remove()
  check("remove", ids(list) == "first,a" and not b:isAlive(), ids(list))
  check("removed not found", getElementById("b") == nil)
  local ok, err = pcall(function() return b.text end)
  check("S0104 field read", not ok and tostring(err):find("S0104") ~= nil, err)
  check("S0104 message", not ok and tostring(err):find("element Text#b was removed", 1, true) ~= nil, err)
  ok, err = pcall(function() b:setText("x") end)
  check("S0104 method", not ok and tostring(err):find("S0104") ~= nil, err)
  check("tostring of removed works", tostring(b) == "Text#b", tostring(b))
  ok, err = pcall(kryon.createElement, "NoSuchThing", {})
  check("S0105 unknown type", not ok and tostring(err):find("S0105") ~= nil, err)
  ok, err = pcall(function() a:appendChild(list) end)
  check("S0106 own subtree", not ok and tostring(err):find("S0106") ~= nil, err)
  ok, err = pcall(function() list:appendChild(list) end)
  check("S0106 self", not ok and tostring(err):find("S0106") ~= nil, err)
  ok, err = pcall(function() kryon.getRoot():remove() end)
  check("S0106 remove App", not ok and tostring(err):find("S0106") ~= nil, err)
  kryon.removeElement(getElementById("first"))
  check("removeElement markup element", ids(list) == "a", ids(list))
end
