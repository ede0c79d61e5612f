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
    // A cluster node's answer that sends a command elsewhere (MOVED, ASK) or asks for it again
    // later (TRYAGAIN, CLUSTERDOWN), with the command and how often it was redirected already.
    using RedirectHandler = std::function<void(RedisReply reply, QList<QByteArray> argv,
                                               int redirects, ReplyCallback done)>;

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

    // Set before open(). Redirects go to `handler` instead of the command's callback, so a
    // cluster keeps no wrapper of its own around every command to catch the rare redirect.
    void setRedirectHandler(RedirectHandler handler) { m_redirectHandler = std::move(handler); }

    void open();
    bool isReady() const { return m_ready; }
    bool isClosed() const { return m_closed; }
    qsizetype pendingCount() const { return m_pendingCount; }

    // Only valid on a ready connection. The callback runs exactly once. `redirects`: how often
    // a cluster redirected this command already; `asking`: an ASK redirect, sent after ASKING.
    void send(const QList<QByteArray> &argv, ReplyCallback done, int redirects = 0,
              bool asking = false);
    void sendMany(const QList<QList<QByteArray>> &commands, QList<ReplyCallback> callbacks);

    // Fails every pending command with `why` and emits closed() once. Safe to call again.
    void close(const CacheError &why);

Q_SIGNALS:
    void ready();
    void closed(const qrc::CacheError &error, bool wasReady);

private:
    struct Pending {
        ReplyCallback done;
        qint64 sentAtMs = 0;    // when flush() wrote it
        QList<QByteArray> argv; // kept only for the redirect handler
        int redirects = 0;
    };

    QString address() const;
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onTick();
    void startHandshake();
    void failHandshake(const CacheError &error);
    void markReady();
    void enqueue(const QList<QByteArray> &argv, ReplyCallback done, int redirects = 0);
    void queued();
    static void flushUnwritten();
    void flush();
    void failClosed(const ReplyCallback &done) const;
    void dropSocket();
    QString socketError() const;

    RedisSettings m_settings;
    std::optional<QSslConfiguration> m_tls;
    QIODevice *m_socket = nullptr; // m_tcp or m_local
    QAbstractSocket *m_tcp = nullptr;
    QLocalSocket *m_local = nullptr;
    std::function<void(const RedisReply &)> m_messageHandler;
    RedirectHandler m_redirectHandler;
    RespReader m_reader;
    QByteArray m_out; // the RESP of the commands not written yet, in its first m_outSize bytes
    qsizetype m_outSize = 0;
    qsizetype m_unwritten = 0; // the last commands of m_pending, still in m_out
    std::deque<Pending> m_pending;
    // m_pending.size(), kept by hand: the pool asks every connection for it on every command,
    // and a deque computes its size from four pointers and a division.
    qsizetype m_pendingCount = 0;
    QElapsedTimer m_clock;
    qint64 m_openedAtMs = 0;
    qint64 m_lastActivityMs = 0;
    QTimer m_tick;
    QStringList m_sslErrors;
    bool m_ready = false;
    bool m_closed = false;
    bool m_healthPingInFlight = false;
    bool m_requireMaster = false;
    bool m_flushQueued = false;
};

} // namespace qrc
