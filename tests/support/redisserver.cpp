#include "redisserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>

#include <hiredis/hiredis.h>

#include <csignal>
#include <sys/prctl.h>

namespace qrc::test {

RedisServer::RedisServer() = default;

RedisServer::~RedisServer() {
    stop();
}

quint16 RedisServer::freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

bool RedisServer::attachShared() {
    bool ok = false;
    const int port = qEnvironmentVariableIntValue("QRC_TEST_REDIS_PORT", &ok);
    if (!ok || port <= 0)
        return start();
    m_port = quint16(port);
    m_shared = true;
    if (command({"PING"}) != "PONG") {
        m_lastError = QStringLiteral("shared redis-server on port %1 does not answer").arg(port);
        return false;
    }
    return true;
}

bool RedisServer::start(const QStringList &extraArgs) {
    return startServer(extraArgs, false);
}

bool RedisServer::startTls(const QStringList &tlsArgs) {
    return startServer(tlsArgs, true);
}

bool RedisServer::startWithUnixSocket(const QStringList &extraArgs) {
    return startServer(extraArgs, false, true);
}

bool RedisServer::startSentinel(const QString &masterName, quint16 masterPort, int downAfterMs,
                                int failoverTimeoutMs, const QStringList &tlsArgs) {
    const QByteArray name = masterName.toUtf8();
    const QByteArray config =
        "sentinel monitor " + name + " 127.0.0.1 " + QByteArray::number(masterPort) + " 2\n" +
        "sentinel down-after-milliseconds " + name + ' ' + QByteArray::number(downAfterMs) + "\n" +
        "sentinel failover-timeout " + name + ' ' + QByteArray::number(failoverTimeoutMs) + "\n" +
        "sentinel parallel-syncs " + name + " 1\n";
    return startServer(tlsArgs, !tlsArgs.isEmpty(), false, config);
}

bool RedisServer::startServer(const QStringList &extraArgs, bool tls, bool unix,
                              const QByteArray &sentinelConfig) {
    stop();
    m_shared = false;
    m_tls = tls;
    m_unix = unix;
    m_sentinelConfig = sentinelConfig;
    m_extraArgs = extraArgs;
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        m_lastError = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // The port is free when probed; another process may take it before redis binds, so retry.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        if (m_port && launch())
            return true;
    }
    return false;
}

bool RedisServer::restart() {
    if (m_shared)
        return false;
    if (isRunning())
        stop();
    return launch();
}

bool RedisServer::launch() {
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args;
    if (!m_sentinelConfig.isEmpty()) {
        // Sentinel rewrites its configuration file with what it learns: keep it across
        // restarts on the same port.
        const QString conf = m_dir->filePath(QStringLiteral("sentinel.conf"));
        QFile file(conf);
        if (!file.exists()) {
            if (!file.open(QIODevice::WriteOnly) || file.write(m_sentinelConfig) < 0) {
                m_lastError = QStringLiteral("cannot write ") + conf;
                return false;
            }
            file.close();
        }
        args << conf << QStringLiteral("--sentinel");
    } else {
        args << QStringLiteral("--save") << QString() << QStringLiteral("--appendonly")
             << QStringLiteral("no");
    }
    args += QStringList{QStringLiteral("--bind"),      QStringLiteral("127.0.0.1"),
                        QStringLiteral("--dir"),       m_dir->path(),
                        QStringLiteral("--daemonize"), QStringLiteral("no"),
                        QStringLiteral("--loglevel"),  QStringLiteral("warning")};
    if (m_tls)
        args += {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls-port"),
                 QString::number(m_port)};
    else
        args += {QStringLiteral("--port"), QString::number(m_port)};
    if (m_unix)
        args += {QStringLiteral("--unixsocket"), unixSocket(), QStringLiteral("--unixsocketperm"),
                 QStringLiteral("700")};
    args += m_extraArgs;
    // A test that crashes must not leave its redis-server behind: the kernel kills the child
    // when the test process dies, whatever way it dies.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(QStringLiteral("redis-server"), args);
    if (!m_process->waitForStarted(5000)) {
        m_lastError = QStringLiteral("redis-server did not start: ") + m_process->errorString();
        return false;
    }
    // Wait until it accepts connections (or exits, e.g. port taken or bad arguments).
    const bool tls = m_tls || m_extraArgs.contains(QStringLiteral("--tls-port"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        if (m_process->state() != QProcess::Running)
            break;
        if (tls) { // no TLS in the admin client: a TCP connect proves the listener is up
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200))
                return true;
        } else {
            const QByteArray pong = command({"PING"});
            if (pong.startsWith("PONG") || pong.contains("NOAUTH"))
                return true;
        }
        if (m_process->waitForFinished(10)) // exited early (port taken, bad arguments)
            break;
    }
    m_lastError = QStringLiteral("redis-server on port %1 did not come up: %2")
                      .arg(m_port)
                      .arg(QString::fromLocal8Bit(m_process->readAll()));
    m_process->kill();
    m_process->waitForFinished(2000);
    m_process.reset();
    return false;
}

void RedisServer::stop() {
    if (!m_process)
        return;
    if (m_process->state() == QProcess::Running) {
        resume(); // a stopped process cannot handle SIGTERM
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
}

void RedisServer::kill() {
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}

void RedisServer::pause() {
    if (m_process && m_process->state() == QProcess::Running)
        ::kill(pid_t(m_process->processId()), SIGSTOP);
}

void RedisServer::resume() {
    if (m_process && m_process->state() == QProcess::Running)
        ::kill(pid_t(m_process->processId()), SIGCONT);
}

bool RedisServer::isRunning() const {
    return m_shared || (m_process && m_process->state() == QProcess::Running);
}

static QByteArray flatten(const redisReply *r) {
    switch (r->type) {
    case REDIS_REPLY_NIL:
        return "(nil)";
    case REDIS_REPLY_INTEGER:
        return QByteArray::number(qlonglong(r->integer));
    case REDIS_REPLY_ERROR:
        return "ERR:" + QByteArray(r->str, int(r->len));
    case REDIS_REPLY_ARRAY: {
        QList<QByteArray> parts;
        for (size_t i = 0; i < r->elements; ++i)
            parts.append(flatten(r->element[i]));
        return parts.join('\n');
    }
    default:
        return QByteArray(r->str, int(r->len));
    }
}

QByteArray RedisServer::command(const QList<QByteArray> &argv, const QByteArray &password,
                                const QByteArray &user, int db) const {
    const timeval tv{1, 0};
    redisContext *c = redisConnectWithTimeout("127.0.0.1", m_port, tv);
    if (!c || c->err) {
        const QByteArray err = c ? QByteArray("CONNECT:") + c->errstr : "CONNECT:alloc";
        if (c)
            redisFree(c);
        return err;
    }
    redisSetTimeout(c, tv); // the connect timeout does not cover command I/O
    auto run = [c](const QList<QByteArray> &args) {
        std::vector<const char *> ptrs;
        std::vector<size_t> lens;
        for (const QByteArray &a : args) {
            ptrs.push_back(a.constData());
            lens.push_back(size_t(a.size()));
        }
        auto *r = static_cast<redisReply *>(
            redisCommandArgv(c, int(args.size()), ptrs.data(), lens.data()));
        if (!r)
            return QByteArray("IO:") + c->errstr;
        QByteArray out = flatten(r);
        freeReplyObject(r);
        return out;
    };
    if (!password.isEmpty()) {
        const QByteArray authReply =
            user.isEmpty() ? run({"AUTH", password}) : run({"AUTH", user, password});
        if (authReply != "OK") {
            redisFree(c);
            return authReply;
        }
    }
    if (db != 0) {
        const QByteArray selectReply = run({"SELECT", QByteArray::number(db)});
        if (selectReply != "OK") {
            redisFree(c);
            return selectReply;
        }
    }
    QByteArray out = run(argv);
    redisFree(c);
    return out;
}

} // namespace qrc::test
