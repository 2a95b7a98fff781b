function bomb()
  local t = {}
  local s = string.rep("x", 1024 * 1024)
  for i = 1, 1000 do
    t[i] = s .. i -- 1 MiB each
  end
end

function inc()
  count = count + 1
end
