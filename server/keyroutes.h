#pragma once

#include <QByteArray>

#include <optional>

namespace qrc {

class CacheManager;
class HttpRouter;

// The console's key-browsing routes under /cache/namespaces (namespaces, pages of keys, one
// entry, its TTL, deleting it), through the cache's KeyBrowser. Part of addCacheRoutes.
void addKeyRoutes(HttpRouter &router, CacheManager *cache);

// The body of PUT /cache/namespaces/{ns}/keys/{key}/ttl: {"ttl": <integer >= 1>}. Nothing when
// the body is not acceptable (answered 422).
std::optional<qint64> parseTtlBody(const QByteArray &body);

} // namespace qrc
