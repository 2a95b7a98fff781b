local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local log = {}
local function note(s) log[#log + 1] = s; seen = table.concat(log, " ") end

local wid = kryon.watch("a", function(new, old, name)
  note(("w1:%s:%s->%s"):format(name, tostring(old), tostring(new)))
end)
kryon.watch("a", function(new, old)
  note(("w2:%s->%s"):format(tostring(old), tostring(new)))
end)
kryon.watch("chain", function(new)
  if new < 3 then chain = new + 1 end
  note("c" .. new)
end)
kryon.watch("loop", function(new) loop = new + 1 end)

function write_twice()
  log = {}
  a = 1
  note("in-callback")
  a = 2
  b = 5
end

function start_chain()
  log = {}
  chain = 1
end

function start_loop()
  loop = 1
end

function unwatch()
  log = {}
  check("off returns true", kryon.off(wid))
  check("off twice false", not kryon.off(wid))
  a = 10
end

function write_same()
  log = {}
  a = a
  note("same-done")
end
