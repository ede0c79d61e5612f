#pragma once

#include "httppipeline.h"

#include <memory>

class QHttpServer;

namespace qrc {

class CacheManager;
class HttpRouter;
class OpenApi;

struct CacheRoutesOptions {
    // Shared steps (admin token, CORS, rate limit, metrics). Unset: one is made from the
    // cache's settings (server.adminToken, app.productionFrontendUrl).
    std::shared_ptr<HttpPipeline> pipeline = nullptr;
    // Set: the routes are listed in this OpenAPI document (see addOpenApiRoute).
    std::shared_ptr<OpenApi> openApi = nullptr;
};

// The seed's management routes and the console's routes under /cache (stats, ping, clear,
// reset-stats, info, namespaces, keys, history) on any QHttpServer: one named handler per
// route, registered from a table that also describes each route for OpenAPI. Every /cache/* route
// needs "Authorization: Bearer <token>" when an admin token is configured.
void addCacheRoutes(QHttpServer &server, CacheManager *cache, CacheRoutesOptions options = {});

// The same routes on an HttpRouter (what cache-server uses, to share one router).
void addCacheRoutes(HttpRouter &router, CacheManager *cache);

std::shared_ptr<HttpPipeline> makePipeline(const CacheManager &cache);

} // namespace qrc
