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

local function last()
  local h = app.var("hits")
  return h:match("([^,]*)$")
end
app.click("#named")
expect(last() == "named:click:named", "quoted name gets the event: " .. last())
app.click("#bare")
expect(last() == "named:click:bare", "bare name: " .. last())
app.setVar("level", 3)
app.click("#call")
expect(last() == "pick:3:lit:integer", "call form evaluates args when the event fires: " .. last())
app.click("#inline_fn")
expect(last() == "inline-fn:click", "inline function expression: " .. last())
app.click("#inline_body")
expect(last() == "inline-body:click", "inline body gets event: " .. last())
local before = app.var("hits")
app.click("#empty")
expect(app.var("hits") == before, "empty handler is a no-op")
app.click("#fruit_2")
expect(last() == "choose:pear:2:click", "@for passes (item, index, event): " .. last())
app.click("#pick_plum")
expect(last() == "with:plum", "@for call form with loop variable: " .. last())
no_errors()
