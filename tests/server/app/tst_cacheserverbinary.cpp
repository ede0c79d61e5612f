// The cache-server binary as an operator runs it: command line, start-up line, refusal to run
// unprotected, signals, log file.
#include "httptestclient.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace qrc::test;

class TestCacheServerBinary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helpListsTheOptionsAndExitsZero();
    void versionPrintsNameAndVersion();
    void invalidConfigurationExitsWith2AndOneLine_data();
    void invalidConfigurationExitsWith2AndOneLine();
    void nonLoopbackAddressWithoutTokenIsRefused();
    void nonLoopbackAddressWithInsecureFlagStarts();
    void nonLoopbackAddressWithShortTokenIsRefused();
    void startsOnMemoryWithinOneSecondWhenRedisIsUnreachable();
    void startupLineNamesRedisWhenItAnswers();
    void laterBackendChangeIsAnnounced();
    void sigtermFinishesInFlightRequestAndExitsZero();
    void sigintExitsZero();
    void logToFileWritesTheLog();

private:
    struct Started {
        std::unique_ptr<QProcess> process;
        QString line;
        quint16 port = 0;
    };
    Started start(const QStringList &args, const QProcessEnvironment &env = baseEnvironment());
    static QProcessEnvironment baseEnvironment();
    static bool waitForExit(QProcess &process, int timeoutMs);
};

QProcessEnvironment TestCacheServerBinary::baseEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith("REDIS_") || name.startsWith("CACHE_") || name.startsWith("SERVER_") ||
            name.startsWith("RATE_LIMIT") || name == "DEBUG" || name.startsWith("LOG_"))
            env.remove(name);
    return env;
}

bool TestCacheServerBinary::waitForExit(QProcess &process, int timeoutMs) {
    QSignalSpy finished(&process, &QProcess::finished);
    return process.state() == QProcess::NotRunning || finished.wait(timeoutMs);
}

TestCacheServerBinary::Started TestCacheServerBinary::start(const QStringList &args,
                                                            const QProcessEnvironment &env) {
    Started started;
    started.port = RedisServer::freePort();
    started.process = std::make_unique<QProcess>();
    started.process->setProcessEnvironment(env);
    started.process->setWorkingDirectory(QDir::tempPath());
    started.process->start(
        QStringLiteral(QRC_CACHE_SERVER_BIN),
        QStringList{"--port", QString::number(started.port), "--demo-latency-ms", "5"} + args);
    QProcess *p = started.process.get();
    QDeadlineTimer deadline(5000);
    while (!p->canReadLine() && !deadline.hasExpired() && p->state() != QProcess::NotRunning)
        p->waitForReadyRead(50);
    if (p->canReadLine())
        started.line = QString::fromUtf8(p->readLine()).trimmed();
    return started;
}

void TestCacheServerBinary::helpListsTheOptionsAndExitsZero() {
    QProcess p;
    p.setProcessEnvironment(baseEnvironment());
    p.start(QStringLiteral(QRC_CACHE_SERVER_BIN), {"--help"});
    QVERIFY(waitForExit(p, 5000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    for (const char *option : {"--host", "--port", "--redis-host", "--demo-items",
                               "--demo-latency-ms", "--admin-token-file", "--insecure-no-auth"})
        QVERIFY2(out.contains(option), option);
}

void TestCacheServerBinary::versionPrintsNameAndVersion() {
    QProcess p;
    p.start(QStringLiteral(QRC_CACHE_SERVER_BIN), {"--version"});
    QVERIFY(waitForExit(p, 5000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(p.readAllStandardOutput(), QByteArray("cache-server " QRC_VERSION "\n"));
}

void TestCacheServerBinary::invalidConfigurationExitsWith2AndOneLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port") << QStringList{"--port", "70000"} << ""
                          << ""
                          << "port";
    QTest::newRow("env redis port") << QStringList{} << "REDIS_PORT"
                                    << "abc"
                                    << "REDIS_PORT";
    QTest::newRow("unknown option") << QStringList{"--no-such-option"} << ""
                                    << ""
                                    << "no-such-option";
    QTest::newRow("rate limit") << QStringList{"--rate-limit", "many"} << ""
                                << ""
                                << "many";
    QTest::newRow("read deadline option") << QStringList{"--cache-read-deadline-ms", "-5"} << ""
                                          << ""
                                          << "--cache-read-deadline-ms";
    QTest::newRow("read deadline env") << QStringList{} << "CACHE_READ_DEADLINE_MS"
                                       << "soon"
                                       << "CACHE_READ_DEADLINE_MS";
}

void TestCacheServerBinary::invalidConfigurationExitsWith2AndOneLine() {
    QFETCH(QStringList, args);
    QFETCH(QString, envName);
    QFETCH(QString, envValue);
    QFETCH(QString, mentions);
    QProcessEnvironment env = baseEnvironment();
    if (!envName.isEmpty())
        env.insert(envName, envValue);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(QRC_CACHE_SERVER_BIN), args);
    QVERIFY(waitForExit(p, 5000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError().trimmed();
    QVERIFY2(!err.contains('\n'), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
}

void TestCacheServerBinary::nonLoopbackAddressWithoutTokenIsRefused() {
    QProcess p;
    p.setProcessEnvironment(baseEnvironment());
    p.start(QStringLiteral(QRC_CACHE_SERVER_BIN),
            {"--host", "0.0.0.0", "--port", QString::number(RedisServer::freePort())});
    QVERIFY(waitForExit(p, 5000));
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError().trimmed();
    QVERIFY2(!err.contains('\n'), err.constData());
    QVERIFY2(err.contains("token"), err.constData());
}

// F7: a one-character token was accepted for a public bind.
void TestCacheServerBinary::nonLoopbackAddressWithShortTokenIsRefused() {
    for (const QString &token : {QStringLiteral("x"), QStringLiteral("fifteen-chars-x")}) {
        QProcessEnvironment env = baseEnvironment();
        env.insert("CACHE_ADMIN_TOKEN", token);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QRC_CACHE_SERVER_BIN),
                {"--host", "0.0.0.0", "--port", QString::number(RedisServer::freePort())});
        QVERIFY(waitForExit(p, 5000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError().trimmed();
        QVERIFY2(!err.contains('\n'), err.constData());
        QVERIFY2(err.contains("CACHE_ADMIN_TOKEN") && err.contains("16"), err.constData());
    }
    QProcessEnvironment env = baseEnvironment();
    env.insert("CACHE_ADMIN_TOKEN", "sixteen-chars-xx");
    Started s = start({"--host", "0.0.0.0", "--no-redis"}, env);
    QVERIFY2(s.line.startsWith("cache-server listening on http://0.0.0.0:"), qPrintable(s.line));
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
}

void TestCacheServerBinary::nonLoopbackAddressWithInsecureFlagStarts() {
    Started s = start({"--host", "0.0.0.0", "--insecure-no-auth", "--no-redis"});
    QVERIFY2(s.line.startsWith("cache-server listening on http://0.0.0.0:"), qPrintable(s.line));
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
    QCOMPARE(s.process->exitCode(), 0);
}

void TestCacheServerBinary::startsOnMemoryWithinOneSecondWhenRedisIsUnreachable() {
    const quint16 redisPort = RedisServer::freePort();
    QElapsedTimer timer;
    timer.start();
    Started s = start({"--redis-host", "127.0.0.1", "--redis-port", QString::number(redisPort)});
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(s.line, QString("cache-server listening on http://127.0.0.1:%1, backend: memory "
                             "(redis unreachable at 127.0.0.1:%2 db 0, retrying)")
                         .arg(s.port)
                         .arg(redisPort));
    QCOMPARE_LT(elapsed, 1000);
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
    // Where Redis is comes from the client, not the host/port settings a URL overrides.
    s = start({"--redis-url", "unix:///nonexistent/redis.sock?db=3"});
    QVERIFY2(s.line.endsWith("(redis unreachable at unix:/nonexistent/redis.sock db 3, retrying)"),
             qPrintable(s.line));
    HttpTestClient http(QUrl(QString("http://127.0.0.1:%1").arg(s.port)));
    QCOMPARE(http.get("/items/1").status, 200);
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("HIT"));
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
    QCOMPARE(s.process->exitCode(), 0);
}

void TestCacheServerBinary::startupLineNamesRedisWhenItAnswers() {
    RedisServer redis;
    QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
    Started s = start({"--redis-host", "127.0.0.1", "--redis-port", QString::number(redis.port()),
                       "--cache-namespace-prefix", "tst-binary"});
    QCOMPARE(s.line, QString("cache-server listening on http://127.0.0.1:%1, backend: redis "
                             "127.0.0.1:%2 db 0")
                         .arg(s.port)
                         .arg(redis.port()));
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
    QCOMPARE(s.process->exitCode(), 0);
}

void TestCacheServerBinary::laterBackendChangeIsAnnounced() {
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.lastError()));
    redis.kill();
    Started s = start({"--redis-host", "127.0.0.1", "--redis-port", QString::number(redis.port())});
    QVERIFY2(s.line.contains("backend: memory"), qPrintable(s.line));
    QVERIFY(redis.restart());
    QProcess *p = s.process.get();
    QString next;
    QDeadlineTimer deadline(15000);
    while (next.isEmpty() && !deadline.hasExpired()) {
        QSignalSpy ready(p, &QProcess::readyReadStandardOutput);
        if (!p->canReadLine())
            ready.wait(200);
        if (p->canReadLine())
            next = QString::fromUtf8(p->readLine()).trimmed();
    }
    QCOMPARE(next, QString("cache-server backend: redis 127.0.0.1:%1 db 0").arg(redis.port()));
    s.process->terminate();
    QVERIFY(waitForExit(*s.process, 5000));
}

void TestCacheServerBinary::sigtermFinishesInFlightRequestAndExitsZero() {
    Started s = start({"--no-redis", "--demo-latency-ms", "600"});
    QVERIFY2(s.line.startsWith("cache-server listening"), qPrintable(s.line));
    const QUrl base(QString("http://127.0.0.1:%1").arg(s.port));
    HttpTestClient http(base);
    std::unique_ptr<QNetworkReply> slow(
        http.network().get(QNetworkRequest(QUrl(base.toString() + "/items/3"))));
    // The request is in flight once the cache has counted its miss.
    HttpTestClient observer(base);
    QTRY_COMPARE(observer.get("/cache/stats").json().value("misses").toInt(), 1);
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(s.process->processId()), SIGTERM);
    QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), 5000);
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(slow->readAll()).object().value("id").toInt(), 3);
    QVERIFY(waitForExit(*s.process, 5000));
    QCOMPARE(s.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(s.process->exitCode(), 0);
    QCOMPARE_LT(timer.elapsed(), 5000);
}

void TestCacheServerBinary::sigintExitsZero() {
    Started s = start({"--no-redis"});
    QVERIFY2(s.line.startsWith("cache-server listening"), qPrintable(s.line));
    ::kill(pid_t(s.process->processId()), SIGINT);
    QVERIFY(waitForExit(*s.process, 5000));
    QCOMPARE(s.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(s.process->exitCode(), 0);
}

void TestCacheServerBinary::logToFileWritesTheLog() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString logFile = dir.filePath("server.log");
    QProcessEnvironment env = baseEnvironment();
    env.insert("LOG_TO_FILE", "true");
    env.insert("LOG_FILE", logFile);
    env.insert("CACHE_ADMIN_TOKEN", "never-in-the-log");
    Started s = start({"--no-redis"}, env);
    QVERIFY2(s.line.startsWith("cache-server listening"), qPrintable(s.line));
    ::kill(pid_t(s.process->processId()), SIGTERM);
    QVERIFY(waitForExit(*s.process, 5000));
    QFile file(logFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray log = file.readAll();
    QVERIFY2(log.contains("qrc.server"), log.constData());
    QVERIFY(!log.contains("never-in-the-log"));
}

QTEST_MAIN(TestCacheServerBinary)
#include "tst_cacheserverbinary.moc"
