-- The steady mix of the memory run: GET /payments/credentials/ and GET
-- /payments/credentials/{PAYCRED_BENCH_CREDENTIAL_ID}/get-private-key/ in turn (the token comes
-- with -H); answers counted by status (status.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")

local list, reveal
local turn = 0

function init(args)
    local id = required_env("PAYCRED_BENCH_CREDENTIAL_ID")
    list = wrk.format("GET", "/payments/credentials/")
    reveal = wrk.format("GET", "/payments/credentials/" .. id .. "/get-private-key/")
end

function request()
    turn = 1 - turn
    if turn == 1 then
        return list
    end
    return reveal
end
