#pragma once

#include "routesupport.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace qrc {

// The console's key-browsing routes under /cache/namespaces and /cache/search (namespaces,
// pages of keys, one entry, its TTL, deleting it, bulk deletes), through the cache's
// KeyBrowser. Part of addCacheRoutes' table.
std::vector<ManagementRoute> keyRoutes();

// The body of PUT /cache/namespaces/{ns}/keys/{key}/ttl: {"ttl": <integer >= 1>}. Nothing when
// the body is not acceptable (answered 422).
std::optional<qint64> parseTtlBody(const QByteArray &body);

} // namespace qrc
