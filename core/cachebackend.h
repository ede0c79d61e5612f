#pragma once

#include "cacheerror.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>
#include <utility>

namespace qrc {

enum class BackendKind { Redis, Memory };

// One key as the console lists it. `ttlMs` is -1 for no expiry.
struct KeyInfo {
    QByteArray key; // full key as stored (prefix:namespace:key)
    qint64 ttlMs = -1;
    qint64 size = 0; // stored bytes (after compression)
    bool compressed = false;
    // Redis type of the key (TYPE): "string" for cache entries, another type for keys other
    // applications store under the prefix.
    QByteArray type = "string";
    // Bytes the key takes in the store (MEMORY USAGE on Redis, the memory backend's own
    // accounting); -1 when the store cannot tell.
    qint64 memory = -1;
};

// One member of a hash, list, set, sorted set or stream.
struct CollectionItem {
    QByteArray name;  // hash field, list index, set or sorted-set member, stream entry ID
    QByteArray value; // hash value, list element, sorted-set score; empty for a set member
    QList<std::pair<QByteArray, QByteArray>> fields; // a stream entry's fields, in order
};

// One page of a collection's members. An empty `cursor` means the last page.
struct CollectionPage {
    QList<CollectionItem> items;
    QByteArray cursor;
    qint64 total = 0; // members in the whole collection (HLEN, LLEN, SCARD, ZCARD, XLEN)
};

// One step of a SCAN-like iteration. An empty `cursor` means the iteration is complete.
struct ScanPage {
    QByteArray cursor;
    QList<QByteArray> keys;
};

// The seam between CacheManager and a store. Keys are full keys (already prefixed and
// validated by the manager); values are the encoded bytes produced by ValueCodec, so every
// backend stores exactly the same bytes and reports the same sizes.
//
// Callbacks are invoked on the backend's thread. A backend may invoke `done` before the call
// returns (the memory backend always does); callers must not rely on either order.
class CacheBackend : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(Result<T>)>;

    using QObject::QObject;
    ~CacheBackend() override = default;

    virtual BackendKind kind() const = 0;

    virtual void get(const QByteArray &key, Callback<std::optional<QByteArray>> done) = 0;
    // ttlSeconds >= 1 (validated by the manager).
    virtual void set(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds,
                     Callback<bool> done) = 0;
    // Number of keys that existed and were removed.
    virtual void remove(const QList<QByteArray> &keys, Callback<qint64> done) = 0;
    // Number of the given keys that exist (a key named twice counts twice, as in Redis).
    virtual void exists(const QList<QByteArray> &keys, Callback<qint64> done) = 0;
    // Remaining time to live in milliseconds; -2 when missing, -1 when it never expires.
    virtual void ttl(const QByteArray &key, Callback<qint64> done) = 0;
    // false when the key does not exist.
    virtual void expire(const QByteArray &key, qint64 seconds, Callback<bool> done) = 0;
    // `pattern` is a Redis glob (already escaped where it must be literal). `cursor` empty or
    // "0" starts an iteration. At least every key present for the whole iteration is returned.
    virtual void scan(const QByteArray &cursor, const QByteArray &pattern, int count,
                      Callback<ScanPage> done) = 0;
    // Metadata of existing keys, in the order given; keys that vanished are left out.
    virtual void describe(const QList<QByteArray> &keys, Callback<QList<KeyInfo>> done) = 0;
    // A page of the members of the collection `key` of Redis type `type` (hash, list, set,
    // zset, stream), read-only. `cursor` is empty for the first page, else a page's `cursor`:
    // the SCAN cursor of HSCAN/SSCAN/ZSCAN, the next index for LRANGE, the exclusive start ID
    // for XRANGE. `count` is a hint for the SCAN family and exact for lists and streams.
    virtual void collectionPage(const QByteArray &key, const QByteArray &type,
                                const QByteArray &cursor, int count,
                                Callback<CollectionPage> done) = 0;
    // Round-trip latency in microseconds.
    virtual void ping(Callback<qint64> done) = 0;
};

} // namespace qrc
