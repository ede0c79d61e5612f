#include "httppipeline.h"

namespace qrc {

HttpPipeline::HttpPipeline(PipelineOptions options)
    : m_options(std::move(options)) {}

HttpPipeline::Admission HttpPipeline::admit(const ExchangePtr &exchange, const RouteSpec &spec) {
    if (corsEnabled()) {
        exchange->addResponseHeader(QByteArrayLiteral("Access-Control-Allow-Origin"),
                                    m_options.corsOrigin);
        exchange->addResponseHeader(QByteArrayLiteral("Access-Control-Expose-Headers"),
                                    QByteArrayLiteral("X-Cache, ETag, Age, Retry-After"));
        exchange->addResponseHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    }
    if (!m_guard || spec.limitScope.isEmpty())
        return authorize(exchange, spec) ? Admission::Proceed : Admission::Refused;
    std::optional<RequestGuard::Decision> now =
        m_guard->decideNow(m_guard->identity(*exchange), spec.limitScope);
    if (!now)
        return Admission::Deferred;
    return apply(exchange, spec, std::move(*now)) ? Admission::Proceed : Admission::Refused;
}

void HttpPipeline::admitLater(const ExchangePtr &exchange, const RouteSpec &spec,
                              std::function<void()> next) {
    Q_ASSERT(m_guard && !spec.limitScope.isEmpty()); // only these are Deferred
    m_guard->check(
        m_guard->identity(*exchange), spec.limitScope,
        [this, exchange, spec = &spec, next = std::move(next)](RequestGuard::Decision d) {
            if (apply(exchange, *spec, std::move(d)))
                next();
        });
}

bool HttpPipeline::apply(const ExchangePtr &exchange, const RouteSpec &spec,
                         RequestGuard::Decision d) {
    exchange->addResponseHeaders(std::move(d.headers));
    if (!d.allowed) {
        // SlowAPI's body: {"error": "Rate limit exceeded: 100 per 1 minute"}
        HttpReply reply = HttpReply::json(
            429,
            QJsonObject{{QStringLiteral("error"),
                         d.detail.isEmpty() ? QStringLiteral("Rate limit exceeded") : d.detail}});
        reply.header(QByteArrayLiteral("Retry-After"),
                     QByteArray::number(qMax<qint64>(1, d.retryAfterSeconds)));
        exchange->send(reply);
        return false;
    }
    return authorize(exchange, spec);
}

bool HttpPipeline::authorize(const ExchangePtr &exchange, const RouteSpec &spec) {
    if (!spec.adminOnly || m_options.adminToken.isEmpty())
        return true;
    const QByteArray authorization = exchange->header(QByteArrayLiteral("authorization")).trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space > 0 && authorization.left(space).compare("Bearer", Qt::CaseInsensitive) == 0 &&
        http::constantTimeEquals(authorization.mid(space + 1).trimmed(), m_options.adminToken)) {
        return true;
    }
    HttpReply reply = HttpReply::error(401, QStringLiteral("Not authenticated"));
    reply.header(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    exchange->send(reply);
    return false;
}

void HttpPipeline::answerPreflight(const ExchangePtr &exchange, const QByteArray &allowedMethods) {
    HttpReply reply = HttpReply::empty(204);
    reply.header(QByteArrayLiteral("Access-Control-Allow-Origin"), m_options.corsOrigin)
        .header(QByteArrayLiteral("Access-Control-Allow-Methods"), allowedMethods)
        .header(QByteArrayLiteral("Access-Control-Allow-Headers"),
                QByteArrayLiteral("Authorization, Content-Type, If-None-Match, Cache-Control"))
        .header(QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600"))
        .header(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    exchange->send(reply);
}

} // namespace qrc
