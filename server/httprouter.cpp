#include "httprouter.h"

#include <QHttpServer>

namespace qrc {

QByteArray methodNames(QHttpServerRequest::Methods methods) {
    static const std::pair<QHttpServerRequest::Method, const char *> names[] = {
        {QHttpServerRequest::Method::Get, "GET"},
        {QHttpServerRequest::Method::Post, "POST"},
        {QHttpServerRequest::Method::Put, "PUT"},
        {QHttpServerRequest::Method::Delete, "DELETE"},
        {QHttpServerRequest::Method::Patch, "PATCH"},
        {QHttpServerRequest::Method::Head, "HEAD"},
        {QHttpServerRequest::Method::Options, "OPTIONS"},
    };
    QByteArrayList out;
    for (const auto &[method, name] : names)
        if (methods.testFlag(method))
            out.append(name);
    return out.join(", ");
}

HttpRouter::HttpRouter(std::shared_ptr<HttpPipeline> pipeline)
    : m_pipeline(std::move(pipeline)) {
    m_unmatched = m_pipeline->metrics()->route(QStringLiteral("unmatched"));
}

void HttpRouter::add(QHttpServerRequest::Methods methods, const QString &pattern, RouteSpec spec,
                     Handler handler, RouteDoc doc) {
    Route route;
    route.methods = methods;
    route.pattern.setPattern(QLatin1Char('^') + pattern + QLatin1Char('$'));
    route.pattern.optimize();
    Q_ASSERT_X(route.pattern.isValid(), "HttpRouter::add", qPrintable(pattern));
    static const QByteArray special("\\^$.|?*+()[]{}");
    const QByteArray text = pattern.toUtf8();
    qsizetype literalEnd = 0;
    while (literalEnd < text.size() && !special.contains(text.at(literalEnd)))
        ++literalEnd;
    route.prefix = text.left(literalEnd);
    route.literal = literalEnd == text.size();
    if (!route.literal) {
        static const QByteArray segment("([^/]+)");
        QByteArrayList pieces{route.prefix};
        qsizetype pos = literalEnd;
        while (pos < text.size() && text.mid(pos).startsWith(segment)) {
            pos += segment.size();
            qsizetype end = pos;
            while (end < text.size() && !special.contains(text.at(end)))
                ++end;
            const QByteArray literal = text.mid(pos, end - pos);
            // "([^/]+)x" may end its capture before the x; walking the path cannot tell.
            if (!literal.isEmpty() && !literal.startsWith('/'))
                break;
            pieces << QByteArray() << literal;
            pos = end;
        }
        if (pos == text.size())
            route.pieces = pieces;
    }
    route.metrics = m_pipeline->metrics()->route(spec.label);
    route.spec = std::move(spec);
    route.handler = std::move(handler);
    m_routes.push_back(std::move(route));
    m_docs.push_back(std::move(doc));
}

QList<HttpRouter::RouteInfo> HttpRouter::routes() const {
    QList<RouteInfo> out;
    out.reserve(qsizetype(m_routes.size()));
    for (size_t i = 0; i < m_routes.size(); ++i)
        out.append(RouteInfo{m_routes[i].methods, m_routes[i].spec, m_docs[i]});
    return out;
}

namespace {

auto dispatcherOf(const std::shared_ptr<HttpRouter> &router) {
    return [router](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        router->dispatch(HttpExchange::create(request, std::move(responder)));
    };
}

} // namespace

void HttpRouter::install(const std::shared_ptr<HttpRouter> &router, QHttpServer &server,
                         const QString &scopePattern) {
    server.route(scopePattern, QHttpServerRequest::Method::AnyKnown, dispatcherOf(router));
}

void HttpRouter::installAsFallback(const std::shared_ptr<HttpRouter> &router, QHttpServer &server) {
    server.setMissingHandler(dispatcherOf(router));
}

bool HttpRouter::matchPieces(const QByteArrayList &pieces, const QByteArray &path,
                             QStringList *args) {
    qsizetype pos = 0;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const QByteArray &piece = pieces.at(i);
        if (i % 2 == 0) {
            if (!QByteArrayView(path).sliced(pos).startsWith(piece))
                return false;
            pos += piece.size();
            continue;
        }
        qsizetype end = path.indexOf('/', pos);
        if (end < 0)
            end = path.size();
        if (end == pos)
            return false; // "[^/]+" needs one byte at least
        if (args->capacity() == 0)
            args->reserve(pieces.size() / 2); // one allocation, not a growth per argument
        args->append(http::decodeSegment(QByteArrayView(path).sliced(pos, end - pos)));
        pos = end;
    }
    return pos == path.size();
}

const HttpRouter::Route *HttpRouter::match(const QByteArray &path,
                                           QHttpServerRequest::Method method, QStringList *args,
                                           QHttpServerRequest::Methods *allowed) const {
    QString text; // converted once, only when an expression has to run
    for (const Route &route : m_routes) {
        if (!path.startsWith(route.prefix))
            continue;
        args->clear();
        if (route.literal) {
            if (path.size() != route.prefix.size())
                continue;
        } else if (!route.pieces.isEmpty()) {
            if (!matchPieces(route.pieces, path, args))
                continue;
        } else {
            if (text.isNull())
                text = QString::fromLatin1(path);
            const QRegularExpressionMatch found = route.pattern.match(text);
            if (!found.hasMatch())
                continue;
            if (route.methods.testFlag(method))
                for (int i = 1; i <= found.lastCapturedIndex(); ++i)
                    args->append(http::decodeSegment(found.capturedView(i).toLatin1()));
        }
        if (!route.methods.testFlag(method)) {
            if (allowed)
                *allowed |= route.methods;
            continue;
        }
        return &route;
    }
    return nullptr;
}

void HttpRouter::run(const Route &route, const QStringList &args,
                     const ExchangePtr &exchange) const {
    exchange->setMetrics(m_pipeline->metrics(), route.metrics);
    switch (m_pipeline->admit(exchange, route.spec)) {
    case HttpPipeline::Admission::Proceed:
        route.handler(args, exchange);
        return;
    case HttpPipeline::Admission::Deferred:
        m_pipeline->admitLater(exchange, route.spec, [handler = &route.handler, args, exchange] {
            (*handler)(args, exchange);
        });
        return;
    case HttpPipeline::Admission::Refused:
        return;
    }
}

void HttpRouter::dispatch(const ExchangePtr &exchange) const {
    QStringList args = std::exchange(m_spareArgs, {}); // match() clears it, keeping its memory
    QHttpServerRequest::Methods allowed;
    if (const Route *route = match(exchange->encodedPath(), exchange->method(), &args, &allowed)) {
        run(*route, args, exchange);
        if (args.isDetached()) // a request still in progress shares it: then it is left to it
            m_spareArgs = std::move(args);
        return;
    }
    exchange->setMetrics(m_pipeline->metrics(), m_unmatched);
    if (allowed) {
        if (exchange->method() == QHttpServerRequest::Method::Options &&
            m_pipeline->corsEnabled()) {
            m_pipeline->answerPreflight(exchange, methodNames(allowed));
            return;
        }
        HttpReply reply = HttpReply::error(405, QStringLiteral("Method Not Allowed"));
        reply.header(QByteArrayLiteral("Allow"), methodNames(allowed));
        exchange->send(reply);
        return;
    }
    exchange->send(HttpReply::error(404, QStringLiteral("Not Found")));
}

} // namespace qrc
