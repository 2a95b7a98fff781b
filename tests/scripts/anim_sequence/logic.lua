local function check(name, ok, detail)
  print((ok and "ok " or "bad ") .. name .. (ok and "" or (detail ~= nil and (": " .. tostring(detail)) or "")))
end

local start_t
local function mark(s) marks = marks .. s .. "@" .. math.floor(kryon.now() - start_t + 0.5) .. ";" end

function run_sequence()
  local card, badge = getElementById("card"), getElementById("badge")
  start_t = kryon.now()
  kryon.sequence({
    { target = card, property = "opacity", from = 0, to = 1, duration = 100, easing = "linear" },
    100,
    function() mark("fn") end,
    { parallel = {
        { target = card, property = "width", to = 80, duration = 100 },
        { target = badge, property = "width", to = 40, duration = 200 } } },
    function() mark("end-items") end,
  }, { onComplete = function() mark("complete") end })
end

