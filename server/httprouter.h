#pragma once

#include "httpexchange.h"
#include "httppipeline.h"
#include "routedoc.h"

#include <QHttpServerRequest>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QHttpServer;

namespace qrc {

// Routes on the percent-encoded path, so that a key containing '/' (sent as %2F) or any other
// byte stays one capture; captures are handed to handlers decoded. Unlike QHttpServer 6.4's
// router it tells a wrong method (405) from an unknown path (404), answers CORS preflights,
// and runs every request through the HttpPipeline.
class HttpRouter {
public:
    using Handler = std::function<void(const QStringList &args, const ExchangePtr &exchange)>;

    explicit HttpRouter(std::shared_ptr<HttpPipeline> pipeline);

    HttpPipeline *pipeline() const { return m_pipeline.get(); }

    // `pattern`: regular expression on the encoded path, anchored for you; each capture group
    // is one argument. `spec.label` is the route's path template ("/items/{item_id}"), which
    // its OpenAPI description (`doc`) is listed under.
    void add(QHttpServerRequest::Methods methods, const QString &pattern, RouteSpec spec,
             Handler handler, RouteDoc doc = {});

    // The route table as registered, in order (what /openapi.json is made from).
    struct RouteInfo {
        QHttpServerRequest::Methods methods;
        RouteSpec spec;
        RouteDoc doc;
    };
    QList<RouteInfo> routes() const;

    // Registers one QHttpServer rule covering `scopePattern` (a regular expression on the
    // decoded path) that dispatches here. Everything under it that no route matches gets a
    // JSON 404/405.
    static void install(const std::shared_ptr<HttpRouter> &router, QHttpServer &server,
                        const QString &scopePattern);
    // Makes the router answer every request that no QHttpServer rule takes (all of them when
    // the server has no rules): QHttpServer's own regular-expression router is then skipped.
    static void installAsFallback(const std::shared_ptr<HttpRouter> &router, QHttpServer &server);

    void dispatch(const ExchangePtr &exchange) const;

private:
    struct Route {
        QHttpServerRequest::Methods methods;
        QRegularExpression pattern;
        // The pattern's text up to its first special character: most paths are told apart by
        // it without running the expression; `literal` when that is the whole pattern.
        QByteArray prefix;
        bool literal = false;
        // A pattern made of literal text and "([^/]+)" segments only (most routes) is matched
        // by walking the path; `pieces` alternates literal, capture, literal... (a capture is
        // an empty entry). Empty `pieces`: the expression runs.
        QByteArrayList pieces;
        RouteSpec spec;
        RouteMetrics *metrics = nullptr;
        Handler handler;
    };

    // The first route whose pattern takes `path` and whose methods include `method`, with its
    // arguments; nullptr when none does (`allowed` then collects the methods of the routes
    // that take the path).
    const Route *match(const QByteArray &path, QHttpServerRequest::Method method, QStringList *args,
                       QHttpServerRequest::Methods *allowed) const;
    // Admits the request and runs the route's handler.
    void run(const Route &route, const QStringList &args, const ExchangePtr &exchange) const;

    static bool matchPieces(const QByteArrayList &pieces, const QByteArray &path,
                            QStringList *args);

    std::shared_ptr<HttpPipeline> m_pipeline;
    std::vector<Route> m_routes;
    std::vector<RouteDoc> m_docs; // beside m_routes, not in it: matching walks m_routes only
    RouteMetrics *m_unmatched = nullptr;
    // The argument list of the last request, for the next one to be captured into once
    // nothing else holds it (a request answered at once): no allocation for the list.
    mutable QStringList m_spareArgs;
};

QByteArray methodNames(QHttpServerRequest::Methods methods);

} // namespace qrc
