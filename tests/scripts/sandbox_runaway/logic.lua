function spin()
  while true do end
end

function spin_in_pcall()
  local ok = pcall(function() while true do end end)
  -- an interruption cannot be caught: this line must not run
  swallowed = true
  while true do end
end

function inc()
  count = count + 1
end
