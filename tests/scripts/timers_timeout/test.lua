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

app.click("#start")
-- the click frame runs the timer phase after the handler: nothing with due > now may fire,
-- and the negative-delay timer was created during that frame's event phase
local first = app.var("order")
expect(first == "sync,neg" or first == "sync", "after the click frame: " .. first)
app.wait(15)
local mid = app.var("order")
expect(mid:find("a10,b10", 1, true) ~= nil, "equal due times fire in creation order: " .. mid)
expect(mid:find("nested0", 1, true) ~= nil and mid:find("neg,", 1, true) ~= nil, "timer created in the timer phase fires in a later frame: " .. mid)
local neg = mid:find("neg", 1, true)
local nested = mid:find("nested0", 1, true)
expect(neg < nested, "nested after its creator")
app.wait(60)
local all = app.var("order")
expect(all:match("a10,b10,args:pq") ~= nil, "due-time order then args: " .. all)
expect(all:sub(-4) == ",c50", "latest due time last: " .. all)
app.click("#cancel")
app.wait(30)
expect(app.var("order") == "kept", "cleared timer never fires: " .. app.var("order"))
checks(3)
no_errors()
