#pragma once

#include "apiclient.h"
#include "serverstats.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

namespace qrc {

// The console's link to one cache-server: polls /cache/stats once a second, derives the
// connection state from every API answer, and retries on its own after a loss. The last
// statistics stay available while the server is away.
class ServerConnection : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting,
        Connected,
        Reconnecting,
        Unauthorized,
        Unreachable
    };
    Q_ENUM(State)

    explicit ServerConnection(QObject *parent = nullptr);

    ApiClient *api() const { return m_api; }

    void connectTo(const QUrl &url, const QString &token);
    void disconnectFromServer();

    State state() const { return m_state; }
    QString stateText() const;
    QString lastError() const { return m_lastError; }
    QUrl url() const { return m_api->baseUrl(); }
    bool hasStats() const { return m_hasStats; }
    const ServerStats &lastStats() const { return m_stats; }
    QDateTime lastContact() const { return m_lastContact; }
    const ServerInfo &info() const { return m_info; }

    void setPollIntervalMs(int ms);
    // Statistics of every instance on the server's Redis instead of the server's own.
    void setAllInstances(bool all);
    bool allInstances() const { return m_allInstances; }
    void setMaxRetryIntervalMs(int ms) { m_maxRetryMs = ms; }
    // Polls now instead of at the next tick (after an action changed the counters).
    void pollNow();

Q_SIGNALS:
    void stateChanged(qrc::ServerConnection::State state);
    // A (re)established connection: views reload and charts refill from the history.
    void connected();
    void statsUpdated(const qrc::ServerStats &stats);
    void infoUpdated(const qrc::ServerInfo &info);

private:
    void poll();
    void onReply(const ApiReply &reply);
    void setState(State state);
    void scheduleRetry();

    ApiClient *m_api;
    QTimer m_timer;
    State m_state = State::Disconnected;
    ServerStats m_stats;
    ServerInfo m_info;
    bool m_hasStats = false;
    bool m_everConnected = false;
    bool m_pollInFlight = false;
    bool m_allInstances = false;
    quint64 m_session = 0; // answers of an earlier connectTo() are ignored
    int m_pollMs = 1000;
    int m_retryMs = 1000;
    int m_maxRetryMs = 5000;
    QDateTime m_lastContact;
    QString m_lastError;
};

} // namespace qrc
