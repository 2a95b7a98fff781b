local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local fast_id, slow_id
function start()
  -- 5 ms period, but frames are ~16.7 ms apart: at most one run per frame (no bursts)
  fast_id = setInterval(function() fast = fast + 1 end, 5)
  slow_id = kryon.setInterval(function() slow = slow + 1 end, 100)
  getElementById("host"):setInterval(function() bound = bound + 1 end, 10)
end
function stop()
  check("clearInterval", clearInterval(fast_id) == true)
  check("clearTimer on interval", kryon.clearTimer(slow_id) == true)
end
function drop()
  getElementById("host"):remove()
end
