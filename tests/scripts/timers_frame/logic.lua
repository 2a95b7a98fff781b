local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local frame_id = kryon.onFrame(function(dt)
  frames_seen = frames_seen + 1
  if math.abs(dt - 1 / 60) > 0.002 then dt_ok = false end
end)

function ask_raf()
  requestAnimationFrame(function(t)
    raf_calls = raf_calls + 1
    raf_t = t
  end)
end

function stop_frames()
  check("clearTimer on onFrame", kryon.clearTimer(frame_id) == true)
end

function read_clock()
  clock = string.format("%.1f/%.4f", kryon.now(), getTime())
end
