#pragma once

#include "cachebackend.h"

#include <QByteArray>
#include <QList>

#include <memory>

namespace qrc {

// Deleting many keys from a backend in bounded batches, shared by namespace clears and the
// replay of the outage journal. Never KEYS, never FLUSHDB: SCAN + UNLINK, 500 keys a round.
namespace bulkdelete {

// Removes every key matching `pattern` (a Redis glob). `removedKeys` (optional) collects what
// was removed, so that statistics can be attributed per namespace.
void byPattern(CacheBackend *backend, const QByteArray &pattern,
               std::shared_ptr<QList<QByteArray>> removedKeys, CacheBackend::Callback<qint64> done);
// The same for several patterns in turn; the first failure ends it.
void byPatterns(CacheBackend *backend, QList<QByteArray> patterns,
                CacheBackend::Callback<qint64> done);
// Removes the given keys.
void keys(CacheBackend *backend, QList<QByteArray> keys, CacheBackend::Callback<qint64> done);

} // namespace bulkdelete
} // namespace qrc
