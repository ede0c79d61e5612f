#pragma once

#include "settings.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace qrc {

class CacheManager;
class CacheServer;

// A cache service inside the console process: CacheManager plus the management API and the
// demo item routes on a loopback port, so the console can be tried without a server.
class EmbeddedService : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedService(QObject *parent = nullptr);
    ~EmbeddedService() override;

    // Memory backend, no admin token, the server's defaults otherwise.
    static Settings defaultSettings();

    // port 0 picks a free one. False (and errorString()) when it cannot listen.
    bool start(const Settings &settings = defaultSettings(), quint16 port = 0);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    quint16 port() const;
    QUrl url() const;
    QString errorString() const { return m_error; }
    CacheManager *cache() const;

    // A few namespaces of sample entries (JSON, text, binary, large, compressed) so that a
    // fresh console has something to show. Finishes asynchronously with Redis.
    void seedSampleData();

private:
    void writeSampleData();

    std::unique_ptr<CacheServer> m_server;
    bool m_redisEnabled = false;
    QString m_error;
};

} // namespace qrc
