-- Create + delete: POST /payments/credentials/ (201), then DELETE /payments/credentials/{id}/
-- of the id that answer gave, and again. Run with as many wrk threads as connections (-tN -cN):
-- wrk gives a response to the script without saying whose connection it came on, so only with
-- one connection per thread does a thread know that the id it read is its own. Thread i acts as
-- the i-th user of PAYCRED_BENCH_TOKENS (access tokens separated by spaces): a user may hold
-- one credential per provider, and each thread's user holds at most this one. A create that is
-- not 201 is tried again, a delete that is not 200 too (their statuses are counted); `creates`
-- and `deletes` count the successful ones.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")

local create
local auth
local pending -- the id created and not yet deleted

function init(args)
    local tokens = {}
    for token in required_env("PAYCRED_BENCH_TOKENS"):gmatch("%S+") do
        table.insert(tokens, token)
    end
    local token = tokens[index]
    if token == nil then
        error("no token for thread " .. tostring(index) .. ": give as many tokens as threads")
    end
    auth = {Authorization = "Bearer " .. token}
    local body = string.format(
        '{"provider": "kopokopo", "api_key": "bench-api-key-%d", "private_key": "%s", ' ..
        '"environment": "sandbox"}', index, required_env("PAYCRED_BENCH_PRIVATE_KEY"))
    create = wrk.format("POST", "/payments/credentials/",
        {Authorization = auth.Authorization, ["Content-Type"] = "application/json"}, body)
end

function request()
    if pending then
        return wrk.format("DELETE", "/payments/credentials/" .. pending .. "/", auth)
    end
    return create
end

function response(status, headers, body)
    count_status(status)
    if pending then
        if status == 200 then
            tally("deletes")
            pending = nil
        end
    elseif status == 201 then
        tally("creates")
        pending = body:match('"id"%s*:%s*(%d+)')
    end
end
