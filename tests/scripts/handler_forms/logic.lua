local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local parts = {}
function record(s) parts[#parts + 1] = s; hits = table.concat(parts, ",") end

function named_handler(e)
  record("named:" .. e.type .. ":" .. e.target.id)
end

function pick(a, b)
  record("pick:" .. tostring(a) .. ":" .. b .. ":" .. math.type(a))
end

function choose(item, index, event)
  record(("choose:%s:%s:%s"):format(item, tostring(index), event and event.type or "nil"))
end

function chose_with(name)
  record("with:" .. name)
end
