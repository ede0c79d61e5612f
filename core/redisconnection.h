#pragma once

#include "cacheerror.h"
#include "redisreply.h"
#include "respreader.h"
#include "settings.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>

class QAbstractSocket;
class QIODevice;
class QLocalSocket;

namespace qrc {

// One RESP connection of RedisClient's pool (private to core/). Commands are written in RESP
// directly and hiredis only parses replies; the bytes travel over a QTcpSocket, a QSslSocket or
// (settings.unixSocket) a QLocalSocket, so nothing blocks.
//
// Replies are matched to a FIFO of callbacks. Once a command is overdue the FIFO can no longer
// be trusted (a late reply would be handed to the wrong caller), so the whole connection is
// closed and every pending command fails.
class RedisConnection : public QObject {
    Q_OBJECT
public:
    using ReplyCallback = std::function<void(Result<RedisReply>)>;
    using PipelineCallback = std::function<void(Result<QList<RedisReply>>)>;

    // `count` callbacks that collect their replies in order and call `done` once: with all of
    // them, or with the first transport error.
    static QList<ReplyCallback> gather(qsizetype count, PipelineCallback done);

    // `tls` is set when the connection must use TLS.
    RedisConnection(const RedisSettings &settings, std::optional<QSslConfiguration> tls,
                    QObject *parent = nullptr);
    ~RedisConnection() override;

    // Set before open(). With it the handshake also checks ROLE, and a READONLY reply closes
    // the connection: a master that became a replica (Sentinel fail-over) is a lost connection,
    // not a stream of write errors.
    void setRequireMaster(bool on) { m_requireMaster = on; }
    // Replies to SUBSCRIBE are matched as usual; published messages ("message" arrays) go to
    // `handler` instead of the FIFO. Set before open().
    void setMessageHandler(std::function<void(const RedisReply &)> handler) {
        m_messageHandler = std::move(handler);
    }

    void open();
    bool isReady() const { return m_ready; }
    bool isClosed() const { return m_closed; }
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

    // Only valid on a ready connection. The callback runs exactly once.
    void send(const QList<QByteArray> &argv, ReplyCallback done);
    void sendMany(const QList<QList<QByteArray>> &commands, QList<ReplyCallback> callbacks);

    // Fails every pending command with `why` and emits closed() once. Safe to call again.
    void close(const CacheError &why);

Q_SIGNALS:
    void ready();
    void closed(const qrc::CacheError &error, bool wasReady);

private:
    struct Pending {
        ReplyCallback done;
        qint64 sentAtMs;
    };

    QString address() const;
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onTick();
    void startHandshake();
    void failHandshake(const CacheError &error);
    void markReady();
    void enqueue(const QList<QByteArray> &argv, ReplyCallback done, QByteArray &out);
    void write(const QByteArray &out);
    void failClosed(const ReplyCallback &done) const;
    void dropSocket();
    QString socketError() const;

    RedisSettings m_settings;
    std::optional<QSslConfiguration> m_tls;
    QIODevice *m_socket = nullptr; // m_tcp or m_local
    QAbstractSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    std::function<void(const RedisReply &)> m_messageHandler;
    RespReader m_reader;
    std::deque<Pending> m_pending;
    QElapsedTimer m_clock;
    qint64 m_openedAtMs = 0;
    qint64 m_lastActivityMs = 0;
    QTimer m_tick;
    QStringList m_sslErrors;
    bool m_ready = false;
    bool m_closed = false;
    bool m_healthPingInFlight = false;
    bool m_requireMaster = false;
};

} // namespace qrc
