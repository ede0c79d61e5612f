#pragma once

#include "settings.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QHttpServer;

namespace qrc {

class CacheManager;
class DemoStore;
class HttpListener;
class HttpPipeline;
class HttpRouter;
class RequestGuard;
struct RouteMetrics;

// The cache-server application: the cache, the demo item routes (cached and cache-busting),
// the management and console routes, /healthz and /metrics, behind connection limits.
class CacheServer : public QObject {
    Q_OBJECT
public:
    explicit CacheServer(const Settings &settings, QObject *parent = nullptr);
    ~CacheServer() override;

    // The rate limiter plugs in here (before listen()); not owned.
    void setRequestGuard(RequestGuard *guard);

    // Starts the cache (never waits for Redis) and listens on settings.server host:port
    // (port 0: any free port). False with a one-line reason when it cannot listen.
    bool start(QString *error = nullptr);
    // Stops accepting, lets in-flight requests finish, then emits stopped().
    void shutdown();

    quint16 port() const { return m_port; }
    QString url() const;
    // "redis 127.0.0.1:6379 db 0" or "memory (redis unreachable at localhost:6379, retrying)".
    QString backendDescription() const;

    CacheManager *cache() const { return m_cache; }
    HttpPipeline *pipeline() const { return m_pipeline.get(); }
    const HttpRouter &router() const { return *m_router; }
    HttpListener *listener() const { return m_listener; }
    DemoStore *store() const { return m_store; }
    const Settings &settings() const { return m_settings; }

    static bool resolveHost(const QString &host, QHostAddress *address);

Q_SIGNALS:
    void stopped();

private:
    void addDemoRoutes(HttpRouter &router);
    void addOperationsRoutes(HttpRouter &router);

    Settings m_settings;
    CacheManager *m_cache;
    DemoStore *m_store;
    HttpListener *m_listener = nullptr;
    std::shared_ptr<HttpPipeline> m_pipeline;
    std::shared_ptr<HttpRouter> m_router;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_stopping = false;
};

} // namespace qrc
