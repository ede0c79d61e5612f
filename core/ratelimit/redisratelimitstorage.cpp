#include "redisratelimitstorage.h"

#include "redisclient.h"

#include <QCryptographicHash>

#include <memory>

namespace qrc {

namespace {

// ARGV[1] = now in epoch ms, or "" for the server's TIME; then amount and window (ms) per key.
// Reply: {allowed, now, then remaining, reset, retry-at per key}. Lua numbers are doubles; the
// limits parser bounds amounts and windows so that every product here stays exact.
const char prologue[] = R"lua(
local now = tonumber(ARGV[1])
if not now then
    local t = redis.call('TIME')
    now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local n = #KEYS
local ok = 1
local st = {}
local out = {0, now}
)lua";

const char epilogue[] = R"lua(
out[1] = ok
return out
)lua";

// Windows are aligned on the epoch: window index = floor(now / W). The hash holds the
// index it counts for, so a stale hash is recognised without relying on its TTL.
const char fixedWindow[] = R"lua(
for i = 1, n do
    local amount = tonumber(ARGV[2 * i])
    local w = tonumber(ARGV[2 * i + 1])
    local idx = math.floor(now / w)
    local v = redis.call('HMGET', KEYS[i], 'w', 'c')
    local c = 0
    if tonumber(v[1]) == idx then c = tonumber(v[2]) or 0 end
    local retry = 0
    if c + 1 > amount then
        retry = (idx + 1) * w
        ok = 0
    end
    st[i] = {amount, w, idx, c, retry}
end
for i = 1, n do
    local amount, w, idx, c, retry = st[i][1], st[i][2], st[i][3], st[i][4], st[i][5]
    if ok == 1 then
        c = c + 1
        redis.call('HSET', KEYS[i], 'w', idx, 'c', c)
        redis.call('PEXPIRE', KEYS[i], (idx + 2) * w - now)
    end
    local reset = now
    if c > 0 then reset = (idx + 1) * w end
    out[#out + 1] = math.max(0, amount - c)
    out[#out + 1] = reset
    out[#out + 1] = retry
end
)lua";

// A sorted set of accepted timestamps; one counts while now - ts < W.
const char movingWindow[] = R"lua(
for i = 1, n do
    local amount = tonumber(ARGV[2 * i])
    local w = tonumber(ARGV[2 * i + 1])
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - w)
    local c = redis.call('ZCARD', KEYS[i])
    local retry = 0
    if c + 1 > amount then
        local e = redis.call('ZRANGE', KEYS[i], c - amount, c - amount, 'WITHSCORES')
        retry = tonumber(e[2]) + w
        ok = 0
    end
    st[i] = {amount, w, c, retry}
end
for i = 1, n do
    local amount, w, c, retry = st[i][1], st[i][2], st[i][3], st[i][4]
    if ok == 1 then
        local seq = c
        while redis.call('ZADD', KEYS[i], 'NX', now, now .. ':' .. seq) == 0 do
            seq = seq + 1
        end
        c = c + 1
        redis.call('PEXPIRE', KEYS[i], 2 * w)
    end
    local reset = now
    if c > 0 then
        local e = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
        reset = tonumber(e[2]) + w
    end
    out[#out + 1] = math.max(0, amount - c)
    out[#out + 1] = reset
    out[#out + 1] = retry
end
)lua";

// weight = floor(previous * (W - elapsed) / W) + current, with epoch-aligned windows.
// reach() mirrors slidingWindowReachAt() in memoryratelimitstorage.cpp; the tests run the
// same edge cases against both.
const char slidingWindowCounter[] = R"lua(
local function reach(prev, cur, start, w, target)
    if cur <= target then
        if prev == 0 then return now end
        local e = w - math.floor(((target - cur + 1) * w - 1) / prev)
        if e <= now - start then return now end
        if e < w then return start + e end
    end
    if cur == 0 then return start + w end
    local e = math.max(0, w - math.floor(((target + 1) * w - 1) / cur))
    if e < w then return start + w + e end
    return start + 2 * w
end
for i = 1, n do
    local amount = tonumber(ARGV[2 * i])
    local w = tonumber(ARGV[2 * i + 1])
    local idx = math.floor(now / w)
    local start = idx * w
    local v = redis.call('HMGET', KEYS[i], 'w', 'c', 'p')
    local sw = tonumber(v[1])
    local cur, prev = 0, 0
    if sw == idx then
        cur = tonumber(v[2]) or 0
        prev = tonumber(v[3]) or 0
    elseif sw == idx - 1 then
        prev = tonumber(v[2]) or 0
    end
    local weighted = math.floor(prev * (w - (now - start)) / w) + cur
    local retry = 0
    if weighted + 1 > amount then
        retry = reach(prev, cur, start, w, amount - 1)
        ok = 0
    end
    st[i] = {amount, w, idx, start, cur, prev, retry}
end
for i = 1, n do
    local amount, w, idx, start = st[i][1], st[i][2], st[i][3], st[i][4]
    local cur, prev, retry = st[i][5], st[i][6], st[i][7]
    if ok == 1 then
        cur = cur + 1
        redis.call('HSET', KEYS[i], 'w', idx, 'c', cur, 'p', prev)
        redis.call('PEXPIRE', KEYS[i], start + 2 * w - now)
    end
    local weighted = math.floor(prev * (w - (now - start)) / w) + cur
    local reset = now
    if weighted > 0 then reset = reach(prev, cur, start, w, weighted - 1) end
    out[#out + 1] = math.max(0, amount - weighted)
    out[#out + 1] = reset
    out[#out + 1] = retry
end
)lua";

Result<RateLimitOutcome> parseOutcome(const RedisReply &reply, qsizetype limits) {
    using R = Result<RateLimitOutcome>;
    if (reply.isError())
        return R::failure(CacheError::protocol(
            QStringLiteral("rate limit script failed: %1").arg(QString::fromUtf8(reply.string))));
    if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2 + 3 * limits)
        return R::failure(
            CacheError::protocol(QStringLiteral("rate limit script returned an unexpected reply")));
    for (const RedisReply &e : reply.elements) {
        if (e.type != RedisReply::Type::Integer)
            return R::failure(
                CacheError::protocol(QStringLiteral("rate limit script returned a non-integer")));
    }
    RateLimitOutcome out;
    out.allowed = reply.elements.at(0).integer == 1;
    out.nowMs = reply.elements.at(1).integer;
    out.statuses.reserve(limits);
    for (qsizetype i = 0; i < limits; ++i) {
        const qsizetype b = 2 + 3 * i;
        out.statuses.append({reply.elements.at(b).integer, reply.elements.at(b + 1).integer,
                             reply.elements.at(b + 2).integer});
    }
    return R::success(out);
}

} // namespace

QByteArray RedisRateLimitStorage::script(RateLimitStrategy strategy) {
    QByteArray body;
    switch (strategy) {
    case RateLimitStrategy::FixedWindow:
        body = fixedWindow;
        break;
    case RateLimitStrategy::MovingWindow:
        body = movingWindow;
        break;
    case RateLimitStrategy::SlidingWindowCounter:
        body = slidingWindowCounter;
        break;
    }
    return QByteArray(prologue) + body + epilogue;
}

RedisRateLimitStorage::RedisRateLimitStorage(RateLimitStrategy strategy, RedisClient *client)
    : m_client(client)
    , m_script(script(strategy))
    , m_sha(QCryptographicHash::hash(m_script, QCryptographicHash::Sha1).toHex()) {}

void RedisRateLimitStorage::hit(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys,
                                qint64 nowMs, Done done) {
    if (!m_client) {
        done(Result<RateLimitOutcome>::failure(
            CacheError::connection(QStringLiteral("no Redis client"))));
        return;
    }
    const qsizetype n = std::min(limits.size(), keys.size());
    QList<QByteArray> argv;
    argv.reserve(4 + 3 * n);
    argv << QByteArrayLiteral("EVALSHA") << m_sha << QByteArray::number(n);
    for (qsizetype i = 0; i < n; ++i)
        argv << keys.at(i);
    argv << (nowMs >= 0 ? QByteArray::number(nowMs) : QByteArray());
    for (qsizetype i = 0; i < n; ++i)
        argv << QByteArray::number(limits.at(i).amount)
             << QByteArray::number(limits.at(i).windowMs());

    QPointer<RedisClient> client = m_client;
    const QByteArray scriptText = m_script;
    m_client->execute(argv, [client, scriptText, argv, n, done](Result<RedisReply> r) mutable {
        if (!r.ok()) {
            done(Result<RateLimitOutcome>::failure(r.error));
            return;
        }
        if (!(r.value.isError() && r.value.string.startsWith("NOSCRIPT"))) {
            done(parseOutcome(r.value, n));
            return;
        }
        if (!client) {
            done(Result<RateLimitOutcome>::failure(
                CacheError::connection(QStringLiteral("Redis client is gone"))));
            return;
        }
        // EVAL also puts the script into the server's cache for the next EVALSHA.
        argv[0] = QByteArrayLiteral("EVAL");
        argv[1] = scriptText;
        client->execute(argv, [n, done](Result<RedisReply> r2) {
            if (!r2.ok())
                done(Result<RateLimitOutcome>::failure(r2.error));
            else
                done(parseOutcome(r2.value, n));
        });
    });
}

} // namespace qrc
