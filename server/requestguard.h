#pragma once

#include "httpexchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace qrc {

// The request-pipeline step that admits or refuses a request before it reaches a handler
// or the cache (the rate limiter implements it). HttpPipeline calls check() for every route
// that has a limit scope and answers 429 itself when the decision says so.
class RequestGuard {
public:
    struct Decision {
        bool allowed = true;
        qint64 retryAfterSeconds = 0;
        QString detail;                                   // for the 429 body
        QList<std::pair<QByteArray, QByteArray>> headers; // e.g. X-RateLimit-* on every answer
    };
    using Callback = std::function<void(Decision)>;

    virtual ~RequestGuard() = default;

    // Who is asking: by default the peer address. Implementations may honour proxy headers
    // from trusted addresses.
    virtual QString identity(const HttpExchange &exchange) const {
        return exchange.remoteAddress().toString();
    }
    // `scope` is the route's limit scope ("default", "management"). `done` may run before
    // check() returns.
    virtual void check(const QString &identity, const QString &scope, Callback done) = 0;
    // The same check when it can be decided at once (no I/O); std::nullopt, counting nothing,
    // when it cannot, and check() is asked instead. A request decided here needs no
    // continuation, which is most of a guard's cost on a cache hit.
    virtual std::optional<Decision> decideNow(const QString &identity, const QString &scope) {
        Q_UNUSED(identity);
        Q_UNUSED(scope);
        return std::nullopt;
    }
    virtual qint64 rejections() const = 0;
    // False when requests of `scope` are never limited (e.g. RATE_LIMIT=none), so that a
    // cache hit may be answered without asking.
    virtual bool limitsScope(const QString &scope) const {
        Q_UNUSED(scope);
        return true;
    }
};

} // namespace qrc
