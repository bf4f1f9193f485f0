-- POST /users/login/ with the right password, the users of PAYCRED_BENCH_LOGIN_USERS (separated
-- by spaces) in turn, each thread starting at a different one: successful logins, so the
-- failure throttle (429) never stops them; any 429 or 503 is counted (status.lua). A login is
-- counted as `logins` when it answers 200.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")

local requests = {}
local next_one = 1

function init(args)
    local password = required_env("PAYCRED_BENCH_LOGIN_PASSWORD")
    local headers = {["Content-Type"] = "application/json"}
    for user in required_env("PAYCRED_BENCH_LOGIN_USERS"):gmatch("%S+") do
        local body = string.format('{"username": "%s", "password": "%s"}', user, password)
        table.insert(requests, wrk.format("POST", "/users/login/", headers, body))
    end
    next_one = ((index or 1) - 1) % #requests + 1
end

function request()
    local chosen = requests[next_one]
    next_one = next_one % #requests + 1
    return chosen
end

function response(status, headers, body)
    count_status(status)
    if status == 200 then
        tally("logins")
    end
end
