#pragma once

#include "httpexchange.h"
#include "httpmetrics.h"
#include "requestguard.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

namespace qrc {

struct RouteSpec {
    QString label;          // for metrics and logs, e.g. "/items/{item_id}"
    bool adminOnly = false; // needs the admin token when one is configured
    QString limitScope;     // rate-limit scope; empty: never limited
};

struct PipelineOptions {
    QByteArray adminToken; // empty: management routes are open
    QByteArray corsOrigin; // empty: no CORS headers
};

// The steps every routed request goes through before its handler: CORS headers, the rate
// limit (when a RequestGuard is installed), the admin token. It also owns the HTTP metrics.
class HttpPipeline {
public:
    explicit HttpPipeline(PipelineOptions options = {});

    const PipelineOptions &options() const { return m_options; }
    HttpMetrics *metrics() { return &m_metrics; }

    // Not owned; nullptr removes it.
    void setRequestGuard(RequestGuard *guard) { m_guard = guard; }
    RequestGuard *requestGuard() const { return m_guard; }

    // Runs the steps for one request. Proceed: its handler may run now. Refused: it was
    // answered (401, 429). Deferred: the guard decides later; call admitLater() with the
    // handler's continuation. Most requests are decided at once, without a continuation.
    enum class Admission { Proceed, Refused, Deferred };
    Admission admit(const ExchangePtr &exchange, const RouteSpec &spec);
    // After Deferred: calls `next` once the request is admitted; otherwise answers it. `spec`
    // must outlive the call (routes keep theirs for the router's lifetime).
    void admitLater(const ExchangePtr &exchange, const RouteSpec &spec, std::function<void()> next);

    bool corsEnabled() const { return !m_options.corsOrigin.isEmpty(); }
    void answerPreflight(const ExchangePtr &exchange, const QByteArray &allowedMethods);

private:
    // The guard's decision, then the admin token: true when the request may proceed.
    bool apply(const ExchangePtr &exchange, const RouteSpec &spec, RequestGuard::Decision d);
    bool authorize(const ExchangePtr &exchange, const RouteSpec &spec);

    PipelineOptions m_options;
    HttpMetrics m_metrics;
    RequestGuard *m_guard = nullptr;
};

} // namespace qrc
