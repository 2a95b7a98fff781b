local spring
function run_spring()
  spring = kryon.animate(getElementById("card"), { property = "height", from = 0, to = 100, easing = "spring(170, 26)", duration = 10 })
end

function probe()
  spring_state = spring.state .. "|" .. tostring(getElementById("card"):getProperty("height"))
    .. "|" .. tostring(getElementById("card"):getComputed("height"))
end
