#include "serverconnection.h"

namespace qrc {

ServerConnection::ServerConnection(QObject *parent)
    : QObject(parent)
    , m_api(new ApiClient(this)) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerConnection::poll);
    // Any call, not only the poll, can reveal that the server left or the token is wrong.
    connect(m_api, &ApiClient::replyReceived, this, [this](const ApiReply &reply) {
        if (m_state == State::Disconnected)
            return;
        if (reply.unauthorized()) {
            m_lastError = reply.errorText;
            setState(State::Unauthorized);
        } else if (reply.unreachable() && m_state == State::Connected) {
            m_lastError = reply.errorText;
            setState(State::Reconnecting);
            pollNow();
        }
    });
}

void ServerConnection::connectTo(const QUrl &url, const QString &token) {
    ++m_session;
    m_api->setBaseUrl(url);
    m_api->setToken(token);
    m_hasStats = false;
    m_everConnected = false;
    m_pollInFlight = false;
    m_retryMs = m_pollMs;
    m_stats = {};
    m_info = {};
    m_lastError.clear();
    setState(State::Connecting);
    poll();
}

void ServerConnection::disconnectFromServer() {
    ++m_session;
    m_timer.stop();
    m_pollInFlight = false;
    setState(State::Disconnected);
}

void ServerConnection::setPollIntervalMs(int ms) {
    m_pollMs = ms;
    m_retryMs = ms;
}

void ServerConnection::setAllInstances(bool all) {
    if (m_allInstances == all)
        return;
    m_allInstances = all;
    ++m_session; // an answer of the other scope, still in flight, is not shown
    m_pollInFlight = false;
    pollNow();
}

void ServerConnection::pollNow() {
    if (m_state == State::Disconnected || m_pollInFlight)
        return;
    m_timer.stop();
    poll();
}

void ServerConnection::poll() {
    if (m_state == State::Disconnected || m_pollInFlight)
        return;
    m_pollInFlight = true;
    const quint64 session = m_session;
    m_api->getStats(
        this,
        [this, session](const ApiReply &reply) {
            if (session != m_session)
                return;
            m_pollInFlight = false;
            onReply(reply);
        },
        m_allInstances);
}

void ServerConnection::onReply(const ApiReply &reply) {
    if (reply.ok()) {
        m_stats = ServerStats::fromJson(reply.object());
        m_hasStats = true;
        m_lastContact = QDateTime::currentDateTime();
        m_lastError.clear();
        m_retryMs = m_pollMs;
        const bool fresh = m_state != State::Connected;
        setState(State::Connected);
        if (fresh) {
            m_everConnected = true;
            const quint64 session = m_session;
            m_api->getInfo(this, [this, session](const ApiReply &info) {
                if (session != m_session || !info.ok())
                    return;
                m_info = ServerInfo::fromJson(info.object());
                Q_EMIT infoUpdated(m_info);
            });
            Q_EMIT connected();
        }
        Q_EMIT statsUpdated(m_stats);
        m_timer.start(m_pollMs);
        return;
    }
    m_lastError = reply.errorText;
    if (reply.unauthorized())
        setState(State::Unauthorized);
    else
        setState(m_everConnected ? State::Reconnecting : State::Unreachable);
    scheduleRetry();
}

void ServerConnection::scheduleRetry() {
    m_timer.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, qMax(m_maxRetryMs, m_pollMs));
}

void ServerConnection::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString ServerConnection::stateText() const {
    const QString host = url().toString(QUrl::RemoveUserInfo);
    switch (m_state) {
    case State::Disconnected:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting to %1…").arg(host);
    case State::Connected:
        return tr("Connected to %1").arg(host);
    case State::Reconnecting:
        return tr("Connection to %1 lost at %2, reconnecting… (showing last data)")
            .arg(host, m_lastContact.toString(QStringLiteral("HH:mm:ss")));
    case State::Unauthorized:
        return tr("Unauthorized at %1: check the admin token").arg(host);
    case State::Unreachable:
        return tr("%1 is unreachable, retrying…").arg(host);
    }
    return {};
}

} // namespace qrc
