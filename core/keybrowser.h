#pragma once

#include "cacheerror.h"
#include "cachevalue.h"
#include "pending.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace qrc {

class CacheBackend;
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
    // One complete SCAN of `pattern` with the manager's fallback: `onKeys` for each step's
    // keys, `onRestart` before the iteration (re)starts (on memory after an outage).
    void scanAll(const QByteArray &pattern, std::function<void(const QList<QByteArray> &)> onKeys,
                 std::function<void()> onRestart, std::function<void(Result<bool>)> done);
    void removeInBatches(const QString &ns, const QStringList &keys, qsizetype from,
                         qint64 removedSoFar, Pending<Result<qint64>> pending);

    CacheManager *m_cache;
};

} // namespace qrc
