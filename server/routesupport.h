#pragma once

#include "cacheerror.h"
#include "httpexchange.h"
#include "httppipeline.h"
#include "httpreply.h"
#include "pending.h"
#include "routedoc.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHttpServerRequest>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace qrc {

class CacheManager;

// Small pieces the management routes (cacheroutes, keyroutes) share.

// What every management route's handler works with; one per addCacheRoutes() call.
struct ManagementContext {
    CacheManager *cache;
    HttpPipeline *pipeline;
    QElapsedTimer uptime;
};

// One row of the management route table: addCacheRoutes() registers each with the admin token
// required, counted under "management", labelled and documented by `path`.
struct ManagementRoute {
    using Handler = void (*)(const ManagementContext &context, const QStringList &args,
                             const ExchangePtr &exchange);
    QHttpServerRequest::Methods methods;
    QString pattern; // on the encoded path, as HttpRouter::add takes it
    QString path;    // the path template: metrics label and OpenAPI path
    Handler handler;
    RouteDoc doc;
};

// 422 for bad input, 503 when the store is unreachable, 500 otherwise.
HttpReply errorReply(const CacheError &error);

// Namespaces and keys arrive percent-decoded; the keyspace rules (which refuse control
// characters, so no CR/LF header injection or NUL) decide, answered as 422. False when the
// answer was sent.
bool checkNamespace(const ExchangePtr &exchange, const QString &ns);
bool checkKey(const ExchangePtr &exchange, const QString &key);

// A management route: admin token required, counted under "management".
RouteSpec admin(const QString &label);

} // namespace qrc
