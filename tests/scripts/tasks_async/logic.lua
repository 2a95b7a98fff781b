local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
local function add(s) parts[#parts + 1] = s; steps = table.concat(parts, ",") end
local task, sleeper, bad

function go()
  parts = {}
  task = kryon.async(function(a)
    add("start:" .. a)
    local dt = kryon.nextFrame()
    add(("frame:%s"):format(type(dt) == "number" and dt > 0 and "dt" or tostring(dt)))
    kryon.sleep(100)
    add("slept")
    local ev = kryon.waitFor(getElementById("target"), "click")
    add("got:" .. ev.type .. ":" .. ev.target.id)
    local none = kryon.waitFor(getElementById("target"), "click", 50)
    add("timeout:" .. tostring(none))
    return 1
  end, "x")
  add("returned")
  status = task.status
end

function report()
  status = task.status .. "|" .. (sleeper and sleeper.status or "") .. "|" .. (bad and bad.status or "")
end

function cancel_it()
  sleeper = kryon.async(function()
    kryon.sleep(50)
    add("sleeper-woke")
  end)
  sleeper:cancel()
  report()
end

function outside_task()
  local ok, err = pcall(kryon.sleep, 10)
  outside = tostring(not ok and tostring(err):find("S0115") ~= nil)
  ok, err = pcall(kryon.nextFrame)
  outside = outside .. "," .. tostring(not ok and tostring(err):find("S0115") ~= nil)
end

function failing_task()
  bad = kryon.async(function()
    kryon.nextFrame()
    error("task failure")
  end)
end

kryon.onFrame(function() if task then report() end end)
