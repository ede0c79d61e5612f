#pragma once

#include "httprouter.h"
#include "routedoc.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class QHttpServer;

namespace qrc {

struct OpenApiInfo {
    QString title = QStringLiteral("Qt Redis Cache");
    QString version = {}; // empty: the library's version
    QString description = {};
};

// An OpenAPI 3.1 document made from route tables, never written by hand: every route of the
// routers added (read again each time the document is made, so a route added later is in it)
// and the routes described with describe(). What the route table knows (path, methods, admin
// token, rate limit, caching) is turned into the security scheme, 401, 429 and the headers the
// pipeline really sends; the RouteDoc adds parameters, bodies and the answers' JSON shapes.
class OpenApi {
public:
    explicit OpenApi(OpenApiInfo info = {});

    void addRouter(std::shared_ptr<const HttpRouter> router);
    // A route served another way (QHttpServer::route): `path` is its path template
    // ("/items/{id}"). Set doc.cached for a route wrapped in qrc::cached().
    void describe(QHttpServerRequest::Methods methods, const QString &path, RouteDoc doc);

    QJsonObject document() const;
    // The same with `router`'s routes first (the router that serves the document).
    QJsonObject document(const HttpRouter &router) const;

private:
    struct Source {
        const HttpRouter *router = nullptr; // nullptr: the routes described by hand
        QList<HttpRouter::RouteInfo> routes;
    };
    QJsonObject build(const std::vector<Source> &sources) const;

    OpenApiInfo m_info;
    std::vector<std::shared_ptr<const HttpRouter>> m_routers;
    QList<HttpRouter::RouteInfo> m_described;
};

// GET `path` answers `api`'s document on a plain QHttpServer (and is described in it).
void addOpenApiRoute(QHttpServer &server, std::shared_ptr<OpenApi> api,
                     const QString &path = QStringLiteral("/openapi.json"));
// GET `path` answers the document of every route of `router`, this one included. It counts
// against the "default" rate-limit scope: making the document is not free.
void addOpenApiRoute(HttpRouter &router, OpenApiInfo info = {},
                     const QString &path = QStringLiteral("/openapi.json"));

} // namespace qrc
