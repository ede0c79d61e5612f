// The example program of the README (a user's own QHttpServer with qrc::cached,
// qrc::cacheBusting and qrc::addCacheRoutes), started as a process and used over sockets,
// on the memory backend and on a real Redis.
#include "httptestclient.h"
#include "redisserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QUuid>
#include <QtTest>

using namespace qrc::test;

class TestExample : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void cachedRoutesMissThenHit();
    void putBustsTheItemAndTheList();
    void postBustsTheNamespace();
    void managementRoutesWork();
    void openApiDocumentListsItsRoutes();

private:
    RedisServer m_redis;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

void TestExample::initTestCase_data() {
    QTest::addColumn<bool>("useRedis");
    QTest::newRow("memory") << false;
    QTest::newRow("redis") << true;
}

void TestExample::initTestCase() {
    QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
}

void TestExample::init() {
    QFETCH_GLOBAL(bool, useRedis);
    const quint16 port = RedisServer::freePort();
    QStringList args{"--port", QString::number(port), "--cache-namespace-prefix",
                     "tst-example-" + QUuid::createUuid().toString(QUuid::Id128).left(10)};
    if (useRedis)
        args += {"--redis-host", "127.0.0.1", "--redis-port", QString::number(m_redis.port())};
    else
        args += "--no-redis";
    m_process = std::make_unique<QProcess>();
    m_process->start(QStringLiteral(QRC_CACHE_EXAMPLE_BIN), args);
    QTRY_VERIFY_WITH_TIMEOUT(m_process->canReadLine(), 5000);
    const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
    QCOMPARE(line, QString("cache-example listening on http://127.0.0.1:%1").arg(port));
    m_url = QUrl(QString("http://127.0.0.1:%1").arg(port));
    if (useRedis) {
        HttpTestClient http(m_url);
        QTRY_COMPARE_WITH_TIMEOUT(http.get("/cache/stats").json().value("backend").toString(),
                                  QString("redis"), 5000);
    }
}

void TestExample::cleanup() {
    if (m_process) {
        m_process->terminate();
        QSignalSpy finished(m_process.get(), &QProcess::finished);
        if (m_process->state() != QProcess::NotRunning)
            QVERIFY(finished.wait(5000));
    }
    m_process.reset();
}

void TestExample::cachedRoutesMissThenHit() {
    HttpTestClient http(m_url);
    const HttpResult first = http.get("/items");
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(first.json().value("items").toArray().size(), 1);
    QCOMPARE(http.get("/items").header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    const HttpResult item = http.get("/items/1");
    QCOMPARE(item.header("X-Cache"), QByteArray("HIT"));
    QCOMPARE(item.json().value("name").toString(), QString("Item 1"));
    QCOMPARE(http.get("/items/2").status, 404);
}

void TestExample::putBustsTheItemAndTheList() {
    HttpTestClient http(m_url);
    http.get("/items");
    http.get("/items/1");
    QCOMPARE(http.request("PUT", "/items/1", R"({"name":"Renamed"})").status, 200);
    const HttpResult item = http.get("/items/1");
    QCOMPARE(item.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(item.json().value("name").toString(), QString("Renamed"));
    const HttpResult list = http.get("/items");
    QCOMPARE(list.header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(list.json().value("items").toArray().at(0).toObject().value("name").toString(),
             QString("Renamed"));
}

void TestExample::postBustsTheNamespace() {
    HttpTestClient http(m_url);
    http.get("/items");
    http.get("/items/1");
    const HttpResult created = http.request("POST", "/items", R"({"name":"Second"})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.json().value("id").toInt(), 2);
    QCOMPARE(http.get("/items").json().value("items").toArray().size(), 2);
    QCOMPARE(http.get("/items/1").header("X-Cache"), QByteArray("MISS"));
    QCOMPARE(http.get("/items/2").json().value("name").toString(), QString("Second"));
}

void TestExample::managementRoutesWork() {
    HttpTestClient http(m_url);
    http.get("/items/1");
    http.get("/items/1");
    const QJsonObject stats = http.get("/cache/stats").json();
    QCOMPARE(stats.value("hits").toInt(), 1);
    QCOMPARE(stats.value("misses").toInt(), 1);
    QCOMPARE(http.get("/cache/ping").json().value("status").toString(), QString("ok"));
    QCOMPARE(http.request("DELETE", "/cache/clear").json().value("cleared").toInt(), 1);
    QCOMPARE(http.get("/cache/reset-stats").status, 200);
    QCOMPARE(http.get("/cache/stats").json().value("hits").toInt(), 0);
}

// The README's addOpenApiRoute on a plain QHttpServer: the management routes from their table,
// the example's own routes as it describes them.
void TestExample::openApiDocumentListsItsRoutes() {
    HttpTestClient http(m_url);
    const HttpResult answer = http.get("/openapi.json");
    QCOMPARE(answer.status, 200);
    const QJsonObject paths = answer.json().value("paths").toObject();
    QStringList operations;
    for (auto path = paths.begin(); path != paths.end(); ++path)
        for (const QString &method : path.value().toObject().keys())
            operations << method + ' ' + path.key();
    for (const char *expected : {"get /items", "post /items", "get /items/{id}", "put /items/{id}",
                                 "get /openapi.json", "get /cache/stats", "delete /cache/clear"})
        QVERIFY2(operations.contains(QLatin1String(expected)), expected);
    const QJsonObject item = paths.value("/items/{id}").toObject().value("get").toObject();
    QVERIFY(item.value("responses").toObject().contains("304"));
}

QTEST_MAIN(TestExample)
#include "tst_example.moc"
