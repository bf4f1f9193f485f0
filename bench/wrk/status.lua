-- Shared by the wrk scripts of bench/server_load.sh (loaded with dofile): counts the status of
-- every answer and any named events (tally), per wrk thread, and prints the sums at the end as
--   statuses 200=1234 503=5
--   tally creates=617 deletes=617
-- so that a row shows which answers it got, not only wrk's "Non-2xx or 3xx" total.
-- Each thread also gets `index` (1, 2, …): scripts that give each thread its own user use it.

counts = {}
tallies = {}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("index", #threads)
end

function count_status(status)
    counts[status] = (counts[status] or 0) + 1
end

function tally(name)
    tallies[name] = (tallies[name] or 0) + 1
end

function response(status, headers, body)
    count_status(status)
end

-- "k=v k=v", keys in order.
local function line(sums)
    local keys = {}
    for key in pairs(sums) do
        table.insert(keys, key)
    end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local parts = {}
    for _, key in ipairs(keys) do
        table.insert(parts, tostring(key) .. "=" .. tostring(sums[key]))
    end
    return table.concat(parts, " ")
end

function done(summary, latency, requests)
    local statuses, named = {}, {}
    for _, thread in ipairs(threads) do
        for key, n in pairs(thread:get("counts") or {}) do
            statuses[key] = (statuses[key] or 0) + n
        end
        for key, n in pairs(thread:get("tallies") or {}) do
            named[key] = (named[key] or 0) + n
        end
    end
    io.write("statuses ", line(statuses), "\n")
    io.write("tally ", line(named), "\n")
end

-- The environment variable `name`, which the calling script must set.
function required_env(name)
    local value = os.getenv(name)
    if value == nil or value == "" then
        error(name .. " is not set (bench/server_load.sh sets it)")
    end
    return value
end
