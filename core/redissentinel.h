#pragma once

#include "cacheerror.h"
#include "settings.h"

#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace qrc {

class RedisConnection;

// Where a Sentinel-monitored master is (private to core/, used by RedisClient). discover()
// asks the Sentinels in turn (SENTINEL get-master-addr-by-name); watch() keeps one
// subscription to +switch-master, moving to the next Sentinel when it drops. Everything runs on
// RedisConnection, in the event loop.
class RedisSentinel : public QObject {
    Q_OBJECT
public:
    struct Address {
        QString host;
        int port = 0;
        bool operator==(const Address &) const = default;
    };
    using DiscoverCallback = std::function<void(Result<Address>)>;

    explicit RedisSentinel(const RedisSettings &settings, QObject *parent = nullptr);
    ~RedisSentinel() override;

    // The callback runs once, unless stop() or the destructor comes first.
    void discover(DiscoverCallback done);
    // TLS for the connections to the Sentinels (REDIS_SENTINEL_SSL); none by default.
    void setTls(std::optional<QSslConfiguration> tls) { m_tls = std::move(tls); }
    void watch();
    void stop(); // drops the subscription and any discovery under way

    static Result<Address> parseAddress(const QString &text);

Q_SIGNALS:
    // The Sentinels announced a fail-over of our master.
    void masterSwitched(const QString &host, int port);
    // The subscription is (re)established; a switch may have been missed while it was down.
    void watching();

private:
    RedisSettings sentinelSettings(const Address &sentinel) const;
    void tryNext(int index, QStringList failures, quint64 generation, DiscoverCallback done);
    void onMessage(const QByteArray &payload);
    void rewatchLater();

    RedisSettings m_settings;
    std::optional<QSslConfiguration> m_tls;
    QList<Address> m_sentinels;
    QString m_configError;
    quint64 m_generation = 0; // bumped by stop(): late answers of an old discovery are dropped
    RedisConnection *m_watcher = nullptr;
    int m_watchIndex = 0;
    QTimer m_rewatch;
    bool m_watching = false;
};

} // namespace qrc
