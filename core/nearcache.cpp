#include "nearcache.h"

#include "clienttracking.h"
#include "memorybackend.h"
#include "redisclient.h"

#include <QPointer>

namespace qrc {

namespace {
// Tickets of reads that never offered (failed, timed out) are dropped in bulk past this:
// forgetting tickets only makes a few fills be refused.
constexpr qsizetype MaxFilling = 10000;
// Keys without a TTL are kept at most this long (tracking, not time, keeps them right).
constexpr qint64 NoExpiryTtlSeconds = 24 * 3600;
} // namespace

NearCache::NearCache(RedisClient *client, const QByteArray &prefix, Limits limits, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_tracking(new ClientTracking(client, prefix, this))
    , m_store(new MemoryBackend({limits.maxEntries, limits.maxBytes}, this)) {
    connect(m_tracking, &ClientTracking::trackingChanged, this, [this](bool on) {
        // Whatever was kept may have changed while nobody listened; and when tracking comes
        // back the store is empty already.
        invalidateAll();
        Q_EMIT activeChanged(on);
    });
    connect(m_tracking, &ClientTracking::keysChanged, this, [this](const QList<QByteArray> &keys) {
        forget(keys);
        Q_EMIT invalidated(keys);
    });
    connect(m_tracking, &ClientTracking::everythingChanged, this, [this] {
        invalidateAll();
        Q_EMIT invalidated({});
    });
}

NearCache::~NearCache() = default;

bool NearCache::isActive() const {
    return m_tracking->isOn();
}

const QByteArray *NearCache::find(const QByteArray &full) {
    return m_tracking->isOn() ? m_store->find(full) : nullptr;
}

quint64 NearCache::beginFill(const QByteArray &full) {
    if (!m_tracking->isOn())
        return 0;
    // Reads of a key while one is pending share its ticket: a new ticket per read would void
    // the one before, and under a steady stream of reads of a hot key no fill would ever land.
    // Any invalidation since the first of them voids it for all.
    if (const auto it = m_filling.constFind(full); it != m_filling.cend())
        return *it;
    if (m_filling.size() >= MaxFilling)
        m_filling.clear();
    const quint64 ticket = ++m_nextTicket;
    m_filling.insert(full, ticket);
    return ticket;
}

void NearCache::offer(const QByteArray &full, quint64 ticket, const QByteArray &raw) {
    if (ticket == 0 || m_filling.value(full) != ticket)
        return;
    QPointer<NearCache> guard(this);
    m_client->execute({"PTTL", full}, [this, guard, full, ticket, raw](Result<RedisReply> r) {
        if (!guard || m_filling.value(full) != ticket)
            return;
        m_filling.remove(full);
        if (!r.ok() || r.value.type != RedisReply::Type::Integer)
            return;
        const qint64 pttl = r.value.integer;
        // Whole seconds, rounded down: the copy must not outlive the key.
        const qint64 seconds = pttl == -1 ? NoExpiryTtlSeconds : pttl / 1000;
        if (seconds >= 1)
            m_store->set(full, raw, seconds, [](Result<bool>) {});
    });
}

void NearCache::invalidate(const QByteArray &full) {
    forget({full});
}

void NearCache::forget(const QList<QByteArray> &keys) {
    for (const QByteArray &key : keys)
        m_filling.remove(key);
    m_store->remove(keys, [](Result<qint64>) {});
}

void NearCache::invalidateAll() {
    m_filling.clear();
    m_store->removeAll();
}

qint64 NearCache::entryCount() const {
    return m_store->entryCount();
}

qint64 NearCache::byteCount() const {
    return m_store->byteCount();
}

} // namespace qrc
