#pragma once

#include "ratelimitstorage.h"

#include <QPointer>

namespace qrc {

class RedisClient;

// The three strategies as Lua scripts run by Redis, one script per strategy: the check and
// the count of every limit of a request happen in one atomic step on the server, so any
// number of cache-server instances share one budget. EVALSHA first, EVAL when the server
// answers NOSCRIPT (after a restart or SCRIPT FLUSH). Counters expire on their own, at most
// two windows after their last hit.
class RedisRateLimitStorage final : public RateLimitStorage {
public:
    RedisRateLimitStorage(RateLimitStrategy strategy, RedisClient *client);

    // With nowMs < 0 the script reads the Redis server's TIME: one clock for every instance.
    void hit(const QList<RateLimitItem> &limits, const QList<QByteArray> &keys, qint64 nowMs,
             Done done) override;

    RedisClient *client() const { return m_client; }
    static QByteArray script(RateLimitStrategy strategy);

private:
    QPointer<RedisClient> m_client;
    QByteArray m_script;
    QByteArray m_sha;
};

} // namespace qrc
