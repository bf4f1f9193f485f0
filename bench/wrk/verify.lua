-- POST /payments/credentials/{id}/verify/ with the right private key (the URL names the id; the
-- token comes with -H). A fixed request: wrk sends it as it is, no Lua per request; answers are
-- counted by status (status.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "status.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"private_key": "%s"}', required_env("PAYCRED_BENCH_PRIVATE_KEY"))
