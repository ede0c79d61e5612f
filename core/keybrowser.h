#pragma once

#include "cachebackend.h"
#include "cacheerror.h"
#include "cachevalue.h"
#include "pending.h"
#include "valuecodec.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace qrc {

class CacheManager;

struct NamespaceInfo {
    QString name;
    qint64 keys = 0;
};

struct KeyListEntry {
    QString key; // without prefix and namespace
    qint64 ttlSeconds = -1;
    qint64 size = 0;
    bool compressed = false;
    QString type = QStringLiteral("string"); // Redis type
    qint64 memory = -1;                      // bytes in the store; -1: unknown
};

struct KeyPage {
    QString ns;
    QList<KeyListEntry> keys;
    QString nextCursor; // empty: no more pages
};

struct EntryDetails {
    QString ns;
    QString key;
    qint64 ttlSeconds = -1;
    qint64 size = 0; // stored size
    bool compressed = false;
    QString type = QStringLiteral("string"); // Redis type; only a string has a value
    CacheValue value;                        // decoded
    qint64 memory = -1;                      // bytes in the store; -1: unknown
    QByteArray stored;                       // the bytes as stored (a string's)
    ValueCodec::StoredForm form;
};

// One page of the members of a key that is not a string (hash, list, set, zset, stream).
struct CollectionView {
    QString ns;
    QString key;
    QString type;
    CollectionPage page;
};

// The largest keys of a namespace by memory, from a bounded sample.
struct BiggestKeys {
    QString ns;
    QList<KeyListEntry> keys; // largest first
    qint64 sampled = 0;       // keys examined
    qint64 sampleLimit = 0;
    bool complete = false; // the sample covered the whole namespace
};

// Browsing the cache's keys for the console and the management API: namespaces with their
// key counts, pages of keys, one entry with its metadata. It reads through the manager's
// backends with the manager's fallback, and is never counted as cache traffic.
class KeyBrowser : public QObject {
    Q_OBJECT
public:
    explicit KeyBrowser(CacheManager *cache);

    QFuture<Result<QList<NamespaceInfo>>> namespaces();
    // A page of at most `count` keys (1..1000); `match` is a glob applied within the namespace.
    QFuture<Result<KeyPage>> listKeys(const QString &ns, const QString &match = {},
                                      const QString &cursor = {}, int count = 100);
    QFuture<Result<std::optional<EntryDetails>>> entry(const QString &key, const QString &ns);
    // A page of at most about `count` (1..1000) members of a hash, list, set, sorted set or
    // stream; `cursor` empty or a page's cursor. Nothing when the key does not exist; a
    // validation error for a string (read with entry()) or a bad cursor.
    QFuture<Result<std::optional<CollectionView>>> collection(const QString &key, const QString &ns,
                                                              const QString &cursor, int count);
    // The `top` (1..100) keys of `ns` taking the most memory among the first `sampleLimit`
    // (1..100000) keys SCAN returns: a bounded look, complete when the namespace is smaller.
    QFuture<Result<BiggestKeys>> biggestKeys(const QString &ns, int top, int sampleLimit);

    // Namespaces holding keys that match the glob `match`, with how many (search across all
    // namespaces); namespaces without a match are left out.
    QFuture<Result<QList<NamespaceInfo>>> search(const QString &match);
    // Every key of `ns` matching the glob `match` (empty: all), sorted; what a bulk delete
    // would remove, to be shown (counted) before it is confirmed.
    QFuture<Result<QStringList>> matchingKeys(const QString &ns, const QString &match);
    // Deletes the keys matching the glob `match` (not empty) in `ns`: SCAN, then UNLINK in
    // batches through the manager. The number deleted.
    QFuture<Result<qint64>> deleteMatching(const QString &ns, const QString &match);

private:
    QFuture<Result<QList<NamespaceInfo>>> countPerNamespace(const QByteArray &glob);
    CacheBackend *active() const;
    // One SCAN of `pattern` with the manager's fallback: `onKeys` for each step's keys (it
    // returns false to stop early), `onRestart` before the iteration (re)starts (on memory
    // after an outage).
    void scanAll(const QByteArray &pattern, std::function<bool(const QList<QByteArray> &)> onKeys,
                 std::function<void()> onRestart, std::function<void(Result<bool>)> done);
    // Describes `keys` in pipelines of bounded size with the manager's fallback.
    void describeAll(const QList<QByteArray> &keys,
                     std::function<void(Result<QList<KeyInfo>>)> done);
    KeyListEntry listEntry(const KeyInfo &info) const;
    void removeInBatches(const QString &ns, const QStringList &keys, qsizetype from,
                         qint64 removedSoFar, Pending<Result<qint64>> pending);

    CacheManager *m_cache;
};

} // namespace qrc
