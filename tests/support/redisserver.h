#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace qrc::test {

// A real redis-server for one test: a free loopback port, no persistence, its own temp dir.
// It can be killed and restarted on the same port to produce real outages.
//
//   RedisServer redis;
//   QVERIFY2(redis.start(), qPrintable(redis.lastError()));
//   settings.redis.port = redis.port();
class RedisServer {
public:
    RedisServer();
    ~RedisServer(); // stops the server

    // extraArgs go to redis-server verbatim (e.g. {"--requirepass", "s3cret"}).
    bool start(const QStringList &extraArgs = {});
    // A TLS-only server (plain port disabled): port() is the TLS port. tlsArgs carry
    // --tls-cert-file, --tls-key-file, --tls-ca-cert-file, ... command() cannot reach it
    // (hiredis 0.14 has no TLS).
    bool startTls(const QStringList &tlsArgs);
    // A server that also listens on a unix socket, unixSocket() (in its temp dir).
    bool startWithUnixSocket(const QStringList &extraArgs = {});
    // redis-server --sentinel monitoring `masterName` at 127.0.0.1:masterPort with a quorum of
    // 2, and short timings so that a fail-over takes about a second on loopback.
    // With tlsArgs (TestPki::serverArgs) the Sentinel listens on TLS only.
    bool startSentinel(const QString &masterName, quint16 masterPort, int downAfterMs = 500,
                       int failoverTimeoutMs = 2000, const QStringList &tlsArgs = {});
    // Uses the suite's shared redis-server (QRC_TEST_REDIS_PORT, set by scripts/test.sh) when
    // there is one, else start()s a private one. A shared server must not be killed: tests
    // that produce outages call start(). Tests on a shared server use their own key prefix.
    bool attachShared();
    bool isShared() const { return m_shared; }
    bool restart(); // same port and arguments
    void stop();    // SIGTERM and wait
    void kill();    // SIGKILL: a crash as Redis clients see it
    void pause();   // SIGSTOP: Redis stops answering but keeps the socket (timeouts)
    void resume();  // SIGCONT
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QString dir() const { return m_dir ? m_dir->path() : QString(); }
    QString unixSocket() const {
        return m_unix ? dir() + QStringLiteral("/redis.sock") : QString();
    }
    QString lastError() const { return m_lastError; }

    // A blocking admin command through hiredis' sync API (1 s timeout), for assertions on
    // what is really stored. Returns the reply flattened to text: integers in decimal,
    // nil as "(nil)", arrays joined by '\n', error replies prefixed "ERR:".
    // `password` / `user` authenticate first when given; a non-zero `db` is SELECTed first.
    QByteArray command(const QList<QByteArray> &argv, const QByteArray &password = {},
                       const QByteArray &user = {}, int db = 0) const;

    // A port nobody listens on, for "Redis unreachable" tests.
    static quint16 freePort();

private:
    bool startServer(const QStringList &extraArgs, bool tls, bool unix = false,
                     const QByteArray &sentinelConfig = {});
    bool launch();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArgs;
    quint16 m_port = 0;
    bool m_shared = false;
    bool m_tls = false;
    bool m_unix = false;
    QByteArray m_sentinelConfig; // non-empty: a Sentinel; written once, then Sentinel's own
    QString m_lastError;
};

} // namespace qrc::test
