#pragma once

namespace qrc {

class CacheManager;
class HttpRouter;

// The console's key-browsing routes under /cache/namespaces (namespaces, pages of keys, one
// entry, its TTL, deleting it), through the cache's KeyBrowser. Part of addCacheRoutes.
void addKeyRoutes(HttpRouter &router, CacheManager *cache);

} // namespace qrc
