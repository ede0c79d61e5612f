#include "embeddedservice.h"

#include "cachemanager.h"
#include "cacheserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

namespace qrc {

EmbeddedService::EmbeddedService(QObject *parent)
    : QObject(parent) {}

EmbeddedService::~EmbeddedService() {
    stop();
}

Settings EmbeddedService::defaultSettings() {
    Settings s;
    s.redis.enabled = false;
    s.server.host = QStringLiteral("127.0.0.1");
    s.server.port = 0;
    s.server.adminToken.clear();
    s.app.environment = QStringLiteral("embedded");
    return s;
}

bool EmbeddedService::start(const Settings &settings, quint16 port) {
    stop();
    Settings s = settings;
    // Loopback only: the embedded service is for this console, not the network.
    s.server.host = QStringLiteral("127.0.0.1");
    s.server.port = port;
    // CacheServer is the same assembly cache-server runs: CacheManager, the management routes
    // (qrc::addCacheRoutes) and the demo item routes the traffic generator calls.
    m_server = std::make_unique<CacheServer>(s);
    QString error;
    if (!m_server->start(&error)) {
        m_error = error;
        m_server.reset();
        return false;
    }
    m_error.clear();
    m_redisEnabled = s.redis.enabled;
    return true;
}

void EmbeddedService::stop() {
    if (!m_server)
        return;
    // Destroying the server while requests are in flight would cut their cache fills off
    // halfway; let it drain first. The clients are on loopback, so this takes milliseconds.
    bool stopped = false;
    QEventLoop loop;
    connect(m_server.get(), &CacheServer::stopped, &loop, [&] {
        stopped = true;
        loop.quit();
    });
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    m_server->shutdown();
    if (!stopped)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    // Closed connections delete themselves later; let them go while their server still exists.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_server.reset();
}

quint16 EmbeddedService::port() const {
    return m_server ? m_server->port() : 0;
}

QUrl EmbeddedService::url() const {
    return m_server ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())) : QUrl();
}

CacheManager *EmbeddedService::cache() const {
    return m_server ? m_server->cache() : nullptr;
}

void EmbeddedService::seedSampleData() {
    CacheManager *c = cache();
    if (!c)
        return;
    // Written while Redis is still being reached, the entries would land in the outage
    // fallback, and the invalidations replayed on reconnect would delete them from Redis: wait
    // for Redis (at most a few seconds, then write wherever the cache is).
    if (m_redisEnabled && c->activeBackend() != BackendKind::Redis) {
        auto written = std::make_shared<bool>(false);
        auto write = [this, written] {
            if (*written)
                return;
            *written = true;
            writeSampleData();
        };
        connect(c, &CacheManager::backendChanged, this, [write](BackendKind active) {
            if (active == BackendKind::Redis)
                write();
        });
        QTimer::singleShot(3000, this, write);
        return;
    }
    writeSampleData();
}

void EmbeddedService::writeSampleData() {
    CacheManager *c = cache();
    if (!c)
        return;
    QRandomGenerator random(42);
    const QStringList cities = {QStringLiteral("Berlin"), QStringLiteral("Lisboa"),
                                QStringLiteral("北京"), QStringLiteral("São Paulo"),
                                QStringLiteral("Zürich")};
    for (int i = 1; i <= 60; ++i) {
        const QJsonObject user{
            {QStringLiteral("id"), 1000 + i},
            {QStringLiteral("name"), QStringLiteral("User %1").arg(i)},
            {QStringLiteral("email"), QStringLiteral("user%1@example.org").arg(i)},
            {QStringLiteral("city"), cities[i % cities.size()]},
            {QStringLiteral("roles"),
             QJsonArray{QStringLiteral("reader"),
                        i % 7 == 0 ? QStringLiteral("admin") : QStringLiteral("editor")}},
            {QStringLiteral("active"), i % 5 != 0}};
        c->setJson(QStringLiteral("user:%1").arg(1000 + i), user,
                   600 + qint64(random.bounded(3000)), QStringLiteral("users"));
    }
    for (int i = 1; i <= 25; ++i)
        c->set(QStringLiteral("session/%1").arg(QString::number(random.generate64(), 16)),
               QByteArray("token=") + QByteArray::number(random.generate64(), 36),
               60 + qint64(random.bounded(900)), QStringLiteral("sessions"));
    const QStringList pages = {QStringLiteral("/"), QStringLiteral("/docs/getting started"),
                               QStringLiteral("/docs/api"), QStringLiteral("/blog/2026/caching"),
                               QStringLiteral("/城市/北京")};
    for (const QString &path : pages) {
        QByteArray html =
            "<!doctype html><html><head><title>" + path.toUtf8() + "</title></head><body>";
        for (int p = 0; p < 40; ++p)
            html += "<p>Cached paragraph " + QByteArray::number(p) +
                    " of a page rendered by the demo service.</p>\n";
        html += "</body></html>";
        CacheValue value;
        value.data = html;
        value.contentType = "text/html; charset=utf-8";
        c->set(QStringLiteral("page:") + path, value, 3600, QStringLiteral("pages"));
    }
    QByteArray blob;
    for (int i = 0; i < 512; ++i)
        blob.append(char(random.bounded(256)));
    c->set(QStringLiteral("thumbnail:42.png"), blob, 7200, QStringLiteral("blobs"));
    QByteArray report = "{\"rows\":[";
    for (int i = 0; i < 4000; ++i)
        report += (i ? "," : "") + QByteArray("{\"day\":") + QByteArray::number(i) +
                  ",\"hits\":" + QByteArray::number(random.bounded(10000)) + "}";
    report += "]}";
    c->set(QStringLiteral("report:daily"), report, 86400, QStringLiteral("reports"));
}

} // namespace qrc
