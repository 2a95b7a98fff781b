function explode()
  clicks = clicks + 1
  local t = nil
  return t.field -- line 4: indexes nil
end

getElementById("boom"):on("click", function() after = after + 1 end)

function fine()
  clicks = clicks + 100
end
