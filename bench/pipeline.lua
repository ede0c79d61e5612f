-- wrk script: every connection sends PIPELINE requests (default 16) in one write and reads
-- their answers, HTTP/1.1 pipelining. Used by http-bench.sh when PIPELINE is set.
local depth = tonumber(os.getenv("PIPELINE") or "16")

init = function(args)
    local batch = {}
    for i = 1, depth do
        batch[i] = wrk.format(nil)
    end
    request_batch = table.concat(batch)
end

request = function()
    return request_batch
end
