#pragma once

#include "cachebackend.h"

#include <QHash>
#include <QTimer>

#include <functional>
#include <map>

namespace qrc {

// A bounded in-process store with Redis' semantics: per-key TTL, LRU eviction when either
// bound (entries, bytes) is exceeded, expired entries purged on read and by a background
// sweep, and a SCAN-like cursor (keys are kept ordered, so an iteration returns every key
// present throughout exactly once, however the map changes in between).
//
// Every callback runs before the call returns.
class MemoryBackend : public CacheBackend {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxEntries = 100000;
        qint64 maxBytes = 256ll * 1024 * 1024;
    };
    // Monotonic milliseconds; replaceable in tests to expire entries without sleeping.
    using Clock = std::function<qint64()>;

    explicit MemoryBackend(Limits limits, QObject *parent = nullptr);
    ~MemoryBackend() override;

    void setClock(Clock clock);
    qint64 entryCount() const { return qint64(m_index.size()); }
    qint64 byteCount() const { return m_bytes; }
    Limits limits() const { return m_limits; }
    void removeAll();             // drops every entry (not counted as evictions)
    int purgeExpired(int budget); // removes up to `budget` expired entries; returns how many

    BackendKind kind() const override { return BackendKind::Memory; }
    void get(const QByteArray &key, Callback<std::optional<QByteArray>> done) override;
    void set(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds,
             Callback<bool> done) override;
    void remove(const QList<QByteArray> &keys, Callback<qint64> done) override;
    void exists(const QList<QByteArray> &keys, Callback<qint64> done) override;
    void ttl(const QByteArray &key, Callback<qint64> done) override;
    void expire(const QByteArray &key, qint64 seconds, Callback<bool> done) override;
    void scan(const QByteArray &cursor, const QByteArray &pattern, int count,
              Callback<ScanPage> done) override;
    void describe(const QList<QByteArray> &keys, Callback<QList<KeyInfo>> done) override;
    void collectionPage(const QByteArray &key, const QByteArray &type, const QByteArray &cursor,
                        int count, Callback<CollectionPage> done) override;
    void ping(Callback<qint64> done) override;

    // Synchronous lookup for the hot path; nullptr when missing or expired.
    const QByteArray *find(const QByteArray &key);

Q_SIGNALS:
    void evicted(qint64 count);

private:
    struct Entry {
        QByteArray value;
        qint64 expiresAtMs = 0; // 0: never
        Entry *lruPrev = nullptr;
        Entry *lruNext = nullptr;
        const QByteArray *key = nullptr; // the map node's key
    };
    using Map = std::map<QByteArray, Entry>;

    Entry *lookup(const QByteArray &key); // drops the entry when expired
    void erase(Map::iterator it);
    void touch(Entry *e);
    void unlink(Entry *e);
    void evictIfNeeded(const Entry *keep);
    static qint64 costOf(const QByteArray &key, const QByteArray &value);

    Limits m_limits;
    Clock m_clock;
    Map m_entries;                            // ordered: drives SCAN and the expiry sweep
    QHash<QByteArray, Map::iterator> m_index; // O(1) lookups on the hot path
    Entry *m_lruHead = nullptr;               // most recently used
    Entry *m_lruTail = nullptr;               // least recently used
    qint64 m_bytes = 0;
    QByteArray m_sweepCursor;
    QTimer m_sweepTimer;
};

} // namespace qrc
