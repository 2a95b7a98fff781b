-- Every "ok NAME" / "bad NAME" line the app logged since the last call counts as one check.
local seen = 0
local function checks(expected, label)
  local lines = app.log()
  local n = 0
  for i = seen + 1, #lines do
    local l = lines[i]
    if l:sub(1, 3) == "ok " then
      n = n + 1
      expect(true)
    elseif l:sub(1, 4) == "bad " then
      n = n + 1
      expect(false, (label or "") .. l:sub(5))
    end
  end
  seen = #lines
  if expected then
    expect(n == expected, ("%sexpected %d checks, ran %d"):format(label or "", expected, n))
  end
end
local function no_errors(label)
  local errs = app.errors()
  expect(#errs == 0, (label or "") .. "unexpected script error: " .. (errs[1] and (errs[1].code .. " " .. errs[1].message) or ""))
end

local function probe()
  app.click("#probe")
  local op, w, q, h, own, st = app.var("probe"):match("([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)")
  return tonumber(op), tonumber(w), tonumber(q), tonumber(h), own, st
end

app.click("#start")
expect(app.var("state") == "running", "state running")
app.wait(500 - 1000 / 60)
local op, w, q, h, own, st = probe()
expect(math.abs(op - 0.5) < 0.035, "linear opacity midpoint ≈ 0.5: " .. tostring(op))
expect(math.abs(w - 150) < 3.5, "linear width midpoint ≈ 150: " .. tostring(w))
expect(math.abs(q - 0.25) < 0.04, "ease_in_quad midpoint ≈ 0.25: " .. tostring(q))
expect(h == 20, "steps(4) at the midpoint is 20: " .. tostring(h))
expect(own == "nil", "a running animation does not write the own layer: " .. own)
expect(st == "running", "running at the midpoint")
local bg = app.get("#box").background_color
expect(bg ~= "#000000FF" and bg ~= "#FFFFFFFF", "colour animation in progress: " .. tostring(bg))
app.click("#cancel")
expect(app.var("state") == "cancelled", "cancelled state")
app.wait(600)
op, w, q, h, own, st = probe()
expect(op == 1 and own == "1", "opacity committed to the own layer at the end: " .. tostring(own))
expect(st == "finished", "finished state: " .. st)
expect(math.abs(w - 150) < 5, "cancel commits the current value: " .. tostring(w))
expect(math.abs(app.get("#box").width - w) < 0.1, "layout uses the committed width")
expect(app.var("done") == "fade:true;", "onComplete gets the handle, not called on cancel: " .. app.var("done"))
expect(app.get("#box").background_color == "#FFFFFFFF", "colour committed")
app.click("#bad")
checks(3)
no_errors()
