-- Behaviour of apps/motion/main.kry: everything here runs in the sandboxed Lua 5.4 engine and
-- reaches the UI through the kryon bridge.

-- Timers: a clock that ticks once a second.
setInterval(function() seconds = seconds + 1 end, 1000)

-- Spring: each press retargets the ball; the spring keeps its velocity.
local right = false
function bounce()
    right = not right
    local track = kryon.getElementById("spring_track"):getBounds()
    local target = right and (track.width - 56) or 0
    kryon.animate(kryon.getElementById("ball"), {
        property = "translate_x", to = target, easing = "spring(170, 16)",
    })
end

-- Sequence: fade in, pause, then a parallel group, then a function item.
function play_sequence()
    local s1, s2, s3 = getElementById("s1"), getElementById("s2"), getElementById("s3")
    kryon.sequence{
        { target = s1, property = "opacity", from = 0.1, to = 1, duration = 250, easing = "ease_out" },
        { target = s2, property = "opacity", from = 0.1, to = 1, duration = 250, easing = "ease_out" },
        120,
        { parallel = {
            { target = s3, property = "translate_x", from = 0, to = 120, easing = "spring(220, 18)" },
            { target = s3, property = "background_color", to = "#22C55EFF", duration = 400 },
            { target = s1, property = "rotate", from = 0, to = 360, duration = 600, easing = "ease_in_out_cubic" },
        } },
        function() print("sequence finished") end,
    }
end

-- Coroutine: a task that steps through work with sleeps, animating a progress bar.
local running = false
function run_steps()
    if running then return end
    running = true
    kryon.async(function()
        local bar = getElementById("progress")
        local full = bar:getParent():getBounds().width - 16
        for step = 1, 4 do
            status = "Step " .. step .. " of 4…"
            kryon.animate(bar, { property = "width", to = full * step / 4, duration = 350, easing = "ease_out_back" })
            kryon.sleep(450)
        end
        status = "Done ✓ (4 steps, 1.8 s)"
        kryon.sleep(1200)
        kryon.animate(bar, { property = "width", to = 0, duration = 300 })
        status = "Press Run to start the coroutine"
        running = false
    end)
end

-- Dynamic elements: chips created with createElement; clicking one removes it.
local palette = { "#0EA5E9FF", "#8B5CF6FF", "#10B981FF", "#F97316FF", "#EC4899FF" }
local made = 0
function add_chip()
    made = made + 1
    local chip = kryon.createElement("Text", {
        text = "chip " .. made, style = "chip", background_color = palette[(made - 1) % #palette + 1],
    })
    getElementById("chips"):appendChild(chip)
    chips = chips + 1
    kryon.animate(chip, { property = "opacity", from = 0, to = 1, duration = 200 })
    chip:on("click", function()
        chip:remove()
        chips = chips - 1
    end)
end
