#pragma once

#include "cacheerror.h"
#include "redisreply.h"
#include "settings.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <functional>

namespace qrc {

class RedisConnection;

// A pool of up to max_connections RESP connections carried by Qt sockets (QTcpSocket, or
// QSslSocket for TLS: hiredis 0.14 has no TLS, so hiredis is used only as formatter and reply
// parser). Nothing here ever blocks the thread: connect, AUTH, SELECT and every command run
// in the event loop, and every command fails with ErrorKind::Timeout after socket_timeout.
//
// The client reconnects by itself with exponential backoff while Unreachable; each attempt
// is a half-open probe (connect, AUTH, SELECT, PING). While Connected it sends PING every
// health_check_interval seconds on idle connections.
class RedisClient : public QObject {
    Q_OBJECT
public:
    enum class State { Disabled, Connecting, Connected, Unreachable };
    Q_ENUM(State)

    using ReplyCallback = std::function<void(Result<RedisReply>)>;
    using PipelineCallback = std::function<void(Result<QList<RedisReply>>)>;
    // The same type as RedisConnection::RedirectHandler (that header is not installed).
    using RedirectHandler = std::function<void(RedisReply reply, QList<QByteArray> argv,
                                               int redirects, ReplyCallback done)>;

    explicit RedisClient(const RedisSettings &settings, QObject *parent = nullptr);
    ~RedisClient() override;

    void start(); // begins connecting; returns at once
    void stop();  // closes every connection, fails pending commands with Connection errors

    State state() const;
    QString lastError() const; // why the last connect attempt or connection failed
    QString endpoint() const;  // "host:port db N" (no credentials)

    // Sends one command. Fails at once with ErrorKind::Connection when not Connected.
    // A Redis error reply is delivered as a successful Result whose reply isError(); callers
    // decide. Transport faults (drop, timeout) are errors of kind Connection / Timeout.
    void execute(const QList<QByteArray> &argv, ReplyCallback done);
    // Sends several commands back to back on one connection; one callback with all replies.
    void executePipeline(const QList<QList<QByteArray>> &commands, PipelineCallback done);

    // A cluster's node: redirects of the commands sent here go to `handler` (see
    // RedisConnection::setRedirectHandler), which sends them on with sendRedirected(). Set
    // before start().
    void setRedirectHandler(RedirectHandler handler);
    // execute() of a command a cluster redirected `redirects` times already (after ASKING when
    // `asking`).
    void sendRedirected(const QList<QByteArray> &argv, ReplyCallback done, int redirects,
                        bool asking);

    // Connections of one's own, outside the pool and not opened yet, to each node that holds
    // data while Connected: the master, or every master of a cluster. For subscriptions that
    // must hear every node (the near cache's invalidations). Owned by `parent`.
    QList<RedisConnection *> createNodeConnections(QObject *parent) const;

Q_SIGNALS:
    void stateChanged(qrc::RedisClient::State state, const QString &detail);

private:
    class Private;
    Private *d;
};

} // namespace qrc
