#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>

namespace qrc {

class ClientTracking;
class MemoryBackend;
class RedisClient;

// Entries read from Redis, kept in process memory and served from there while Redis'
// client tracking (ClientTracking) guarantees that any change to them, by any client, is
// reported. Bounded like the memory backend (LRU by entries and bytes); an entry also lives
// no longer than the key's TTL in Redis. While tracking is off nothing is served or kept.
//
// A read that may fill the near cache takes a ticket before it is sent (beginFill) and offers
// its reply with it (offer). Any invalidation of the key in between voids the ticket, so a
// reply that raced a change is never kept: Redis sends the invalidation of a write after
// executing it, so either it arrives before the offer (ticket void) or after (entry dropped).
class NearCache : public QObject {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxEntries = 10000;
        qint64 maxBytes = 64ll * 1024 * 1024;
    };

    // `prefix` is what every tracked key starts with ("<namespace prefix>:").
    NearCache(RedisClient *client, const QByteArray &prefix, Limits limits,
              QObject *parent = nullptr);
    ~NearCache() override;

    bool isActive() const;
    // The stored bytes of `full`; nullptr when absent or while inactive. The pointer stays
    // valid until the near cache is next changed.
    const QByteArray *find(const QByteArray &full);
    // 0 while inactive (such a ticket is never accepted).
    quint64 beginFill(const QByteArray &full);
    // Keeps `raw` (the value Redis returned to the read that took `ticket`) once Redis gives
    // its remaining TTL, unless the key was invalidated since.
    void offer(const QByteArray &full, quint64 ticket, const QByteArray &raw);
    // For this process' own writes, at once rather than when Redis' message comes.
    void invalidate(const QByteArray &full);
    void invalidateAll();

    qint64 entryCount() const;
    qint64 byteCount() const;

Q_SIGNALS:
    void activeChanged(bool active);
    // Redis reported these keys changed; an empty list: everything (FLUSHDB, FLUSHALL).
    void invalidated(const QList<QByteArray> &keys);

private:
    void forget(const QList<QByteArray> &keys);

    RedisClient *m_client;
    ClientTracking *m_tracking;
    MemoryBackend *m_store;
    QHash<QByteArray, quint64> m_filling; // key -> ticket of the read that may fill it
    quint64 m_nextTicket = 0;
};

} // namespace qrc
