#pragma once

#include "cacheerror.h"
#include "cachestatistics.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace qrc {

class CacheManager;

// The statistics of every instance that shares a Redis and a key prefix. Each instance
// publishes its counters every second to `<prefix>.instances:<id>` with a TTL of a few
// seconds, so an instance that stopped (or lost Redis) drops out on its own; collect() adds up
// the live ones (SCAN, then one GET each, which also works across a cluster's masters). The
// keys sit beside the cache's `<prefix>:` keys, not among them: clear-all, key browsing and
// the near cache's tracking never meet them.
class FleetStatistics : public QObject {
    Q_OBJECT
public:
    static constexpr int PublishIntervalMs = 1000;
    static constexpr int TtlMs = 3000;

    struct Snapshot {
        StatisticsSnapshot sum;
        QStringList instances; // ids, this one included
        // false when Redis was not in use: `sum` is this instance alone.
        bool complete = true;
    };

    // Owned by `cache`. An instance that stops drops out when its entry expires (TtlMs).
    explicit FleetStatistics(CacheManager *cache);

    QString instanceId() const { return m_id; }
    QFuture<Result<Snapshot>> collect();

private:
    void publish();

    CacheManager *m_cache;
    QString m_id;
    QByteArray m_keyPrefix; // "<prefix>.instances:"
    QByteArray m_key;
    QTimer m_timer;
};

} // namespace qrc
