local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s)
  if #parts < 6 then parts[#parts + 1] = s; order = table.concat(parts, ",") end
end
local first_data

function cv_load(canvas)
  add("load")
  first_data = getCanvasData(canvas)
  first_data.hits = first_data.hits + 1
end

function cv_update(dt, canvas)
  add("update")
  updates = updates + 1
  if type(dt) ~= "number" or dt <= 0 then add("bad-dt") end
end

function helper_draw()
  drawRect(0, 0, 10, 10, "#FF0000")
end

function cv_draw(canvas)
  add("draw")
  draws = draws + 1
  clearCanvas("#FFFFFF")
  helper_draw()  -- allowed in functions the draw_script calls
  drawCircle(50, 40, 10, "#00FF00")
  drawText("hi", 2, 2)
  local d = getCanvasData()
  same_table = rawequal(d, first_data) and d.hits == 1
end

function draw_outside()
  local ok, err = pcall(drawRect, 0, 0, 5, 5, "#000")
  outside = tostring(not ok and tostring(err):find("S0118") ~= nil)
  ok, err = pcall(getCanvasData)
  outside = outside .. "," .. tostring(not ok and tostring(err):find("S0118") ~= nil)
  local d = getCanvasData(getElementById("cv"))
  outside = outside .. "," .. tostring(rawequal(d, first_data))
end
