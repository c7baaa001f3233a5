-- tests/stress/load_mix.lua: wrk chooses each request from a weighted mix
-- of paths, each sent as its role (no cookie, or the session of the demo
-- entrepreneur, officer or policymaker), and counts the answers by status.
-- The mix is read from the file named by STRESS_MIX: lines of
-- "WEIGHT ROLE PATH", ROLE one of public, ent, off, pol; the cookies come
-- from STRESS_COOKIE_ENT, _OFF and _POL. Which path answered what is in
-- the server's own log (one line per request), not here: with many
-- connections per thread, wrk does not pair an answer with its request.
local mix, total = {}, 0
local cookies = {
    ent = os.getenv("STRESS_COOKIE_ENT"),
    off = os.getenv("STRESS_COOKIE_OFF"),
    pol = os.getenv("STRESS_COOKIE_POL"),
}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    counts = {}
    for line in io.lines(os.getenv("STRESS_MIX")) do
        local w, role, path = line:match("^(%d+)%s+(%S+)%s+(%S+)")
        if w then
            total = total + tonumber(w)
            table.insert(mix, {upto = total, role = role, path = path})
        end
    end
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
    local r = math.random(total)
    for _, m in ipairs(mix) do
        if r <= m.upto then
            local headers = {}
            if m.role ~= "public" then
                headers["Cookie"] = "samanvay_session=" .. cookies[m.role]
            end
            return wrk.format("GET", m.path, headers)
        end
    end
end

function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
    local all = {}
    for _, t in ipairs(threads) do
        for s, n in pairs(t:get("counts")) do all[s] = (all[s] or 0) + n end
    end
    for s, n in pairs(all) do io.write(string.format("status %d %d\n", s, n)) end
    for _, p in ipairs({50, 90, 99, 99.9}) do
        io.write(string.format("latency_p%s_us %d\n", p, latency:percentile(p)))
    end
    io.write(string.format("latency_max_us %d\n", latency.max))
    io.write(string.format("requests %d\n", summary.requests))
    io.write(string.format("duration_us %d\n", summary.duration))
    io.write(string.format("errors connect %d read %d write %d timeout %d status %d\n",
        summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.timeout, summary.errors.status))
end
