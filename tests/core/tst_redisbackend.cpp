#include "redisbackend.h"
#include "redisserver.h"
#include "valuecodec.h"

#include <QCoreApplication>
#include <QSet>
#include <QTest>

#include <optional>

using qrc::ErrorKind;
using qrc::KeyInfo;
using qrc::RedisBackend;
using qrc::RedisClient;
using qrc::RedisSettings;
using qrc::Result;
using qrc::ScanPage;
using qrc::test::RedisServer;

namespace {

// Calls `op(callback)` and waits for the callback; an unanswered call becomes an error result.
template <typename T, typename Op>
Result<T> await(Op op) {
    std::optional<Result<T>> out;
    op([&out](Result<T> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
        return Result<T>::failure(qrc::CacheError::protocol(QStringLiteral("test: no answer")));
    return *out;
}

} // namespace

class TestRedisBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void getReturnsNulloptForMissingKeyAndExactBytesForStoredKey();
    void setStoresValueWithTtlInSeconds();
    void removeCountsOnlyKeysThatExisted();
    void existsCountsRepeatedKeysEachTime();
    void ttlIsMinusTwoForMissingMinusOneForPersistentElseMilliseconds();
    void expireReportsWhetherTheKeyExisted();
    void scanVisitsEveryMatchingKeyAndEndsWithEmptyCursor();
    void describeReportsTtlSizeAndCompressionAndSkipsMissingKeys();
    void pingReportsLatencyInMicroseconds();
    void errorReplyBecomesProtocolError();
    void operationsFailWithConnectionErrorWhenRedisIsUnreachable();

private:
    QByteArray key(const char *name) const { return m_prefix + name; }

    RedisServer m_server;
    std::unique_ptr<RedisBackend> m_backend;
    QByteArray m_prefix;
};

void TestRedisBackend::initTestCase() {
    QVERIFY2(m_server.attachShared(), qPrintable(m_server.lastError()));
    m_prefix =
        "qrc-tst-redisbackend:" + QByteArray::number(QCoreApplication::applicationPid()) + ":";
    RedisSettings s;
    s.host = m_server.host();
    s.port = m_server.port();
    m_backend = std::make_unique<RedisBackend>(s);
    QCOMPARE(m_backend->kind(), qrc::BackendKind::Redis);
    m_backend->client()->start();
    QTRY_COMPARE(m_backend->client()->state(), RedisClient::State::Connected);
}

void TestRedisBackend::cleanupTestCase() {
    if (!m_backend)
        return;
    // Only this test's keys: the server may be shared with other tests.
    QList<QByteArray> keys;
    QByteArray cursor;
    do {
        const Result<ScanPage> page = await<ScanPage>(
            [&](auto done) { m_backend->scan(cursor, m_prefix + "*", 500, std::move(done)); });
        QVERIFY(page.ok());
        keys += page.value.keys;
        cursor = page.value.cursor;
    } while (!cursor.isEmpty());
    const Result<qint64> removed =
        await<qint64>([&](auto done) { m_backend->remove(keys, std::move(done)); });
    QVERIFY(removed.ok());
}

void TestRedisBackend::getReturnsNulloptForMissingKeyAndExactBytesForStoredKey() {
    using R = std::optional<QByteArray>;
    const Result<R> missing =
        await<R>([&](auto done) { m_backend->get(key("get:missing"), std::move(done)); });
    QVERIFY2(missing.ok(), qPrintable(missing.error.toString()));
    QVERIFY(!missing.value.has_value());

    const QByteArray binary("a\0b\r\n$3\r\n*\xff", 11);
    QVERIFY(await<bool>([&](auto done) {
                m_backend->set(key("get:binary"), binary, 60, std::move(done));
            }).value);
    const Result<R> stored =
        await<R>([&](auto done) { m_backend->get(key("get:binary"), std::move(done)); });
    QVERIFY2(stored.ok(), qPrintable(stored.error.toString()));
    QVERIFY(stored.value.has_value());
    QCOMPARE(*stored.value, binary);

    QVERIFY(await<bool>([&](auto done) {
                m_backend->set(key("get:empty"), QByteArray(), 60, std::move(done));
            }).value);
    const Result<R> empty =
        await<R>([&](auto done) { m_backend->get(key("get:empty"), std::move(done)); });
    QVERIFY(empty.value.has_value());
    QVERIFY(empty.value->isEmpty());
}

void TestRedisBackend::setStoresValueWithTtlInSeconds() {
    const Result<bool> r = await<bool>(
        [&](auto done) { m_backend->set(key("set:a"), "value", 120, std::move(done)); });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value, true);
    QCOMPARE(m_server.command({"GET", key("set:a")}), QByteArray("value"));
    const qint64 ttl = m_server.command({"TTL", key("set:a")}).toLongLong();
    QVERIFY2(ttl > 110 && ttl <= 120, QByteArray::number(ttl).constData());
}

void TestRedisBackend::removeCountsOnlyKeysThatExisted() {
    m_server.command({"SET", key("rm:a"), "1"});
    m_server.command({"SET", key("rm:b"), "2"});
    const Result<qint64> r = await<qint64>([&](auto done) {
        m_backend->remove({key("rm:a"), key("rm:b"), key("rm:missing")}, std::move(done));
    });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value, 2);
    QCOMPARE(m_server.command({"EXISTS", key("rm:a"), key("rm:b")}), QByteArray("0"));

    const Result<qint64> none =
        await<qint64>([&](auto done) { m_backend->remove({}, std::move(done)); });
    QVERIFY(none.ok());
    QCOMPARE(none.value, 0);
}

void TestRedisBackend::existsCountsRepeatedKeysEachTime() {
    m_server.command({"SET", key("ex:a"), "1"});
    const Result<qint64> r = await<qint64>([&](auto done) {
        m_backend->exists({key("ex:a"), key("ex:a"), key("ex:missing")}, std::move(done));
    });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value, 2);
    QCOMPARE(await<qint64>([&](auto done) { m_backend->exists({}, std::move(done)); }).value, 0);
}

void TestRedisBackend::ttlIsMinusTwoForMissingMinusOneForPersistentElseMilliseconds() {
    QCOMPARE(await<qint64>([&](auto done) {
                 m_backend->ttl(key("ttl:missing"), std::move(done));
             }).value,
             -2);
    m_server.command({"SET", key("ttl:forever"), "1"});
    QCOMPARE(await<qint64>([&](auto done) {
                 m_backend->ttl(key("ttl:forever"), std::move(done));
             }).value,
             -1);
    m_server.command({"SET", key("ttl:soon"), "1", "EX", "30"});
    const Result<qint64> ms =
        await<qint64>([&](auto done) { m_backend->ttl(key("ttl:soon"), std::move(done)); });
    QVERIFY2(ms.ok(), qPrintable(ms.error.toString()));
    QVERIFY2(ms.value > 25000 && ms.value <= 30000, QByteArray::number(ms.value).constData());
}

void TestRedisBackend::expireReportsWhetherTheKeyExisted() {
    QCOMPARE(await<bool>([&](auto done) {
                 m_backend->expire(key("exp:missing"), 10, std::move(done));
             }).value,
             false);
    m_server.command({"SET", key("exp:a"), "1"});
    const Result<bool> r =
        await<bool>([&](auto done) { m_backend->expire(key("exp:a"), 50, std::move(done)); });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QCOMPARE(r.value, true);
    const qint64 ttl = m_server.command({"TTL", key("exp:a")}).toLongLong();
    QVERIFY2(ttl > 40 && ttl <= 50, QByteArray::number(ttl).constData());
}

void TestRedisBackend::scanVisitsEveryMatchingKeyAndEndsWithEmptyCursor() {
    QSet<QByteArray> expected;
    QList<QByteArray> mset{"MSET"};
    for (int i = 0; i < 250; ++i) {
        const QByteArray k = key("scan:item:") + QByteArray::number(i);
        expected.insert(k);
        mset += {k, "v"};
    }
    QCOMPARE(m_server.command(mset), QByteArray("OK"));
    m_server.command({"SET", key("scanother:x"), "v"}); // shares the prefix, not the pattern

    QSet<QByteArray> seen;
    QByteArray cursor; // empty starts an iteration
    int pages = 0;
    do {
        const Result<ScanPage> page = await<ScanPage>(
            [&](auto done) { m_backend->scan(cursor, key("scan:item:*"), 20, std::move(done)); });
        QVERIFY2(page.ok(), qPrintable(page.error.toString()));
        QVERIFY(page.value.cursor != "0");
        for (const QByteArray &k : page.value.keys)
            seen.insert(k);
        cursor = page.value.cursor;
        ++pages;
    } while (!cursor.isEmpty() && pages < 10000);
    QVERIFY(cursor.isEmpty());
    QVERIFY(pages > 1);
    QCOMPARE(seen, expected);

    // "0" also starts an iteration.
    const Result<ScanPage> first = await<ScanPage>(
        [&](auto done) { m_backend->scan("0", key("scan:item:1*"), 1000, std::move(done)); });
    QVERIFY(first.ok());
}

void TestRedisBackend::describeReportsTtlSizeAndCompressionAndSkipsMissingKeys() {
    const QByteArray plain = "hello world";
    qrc::CacheValue big;
    big.data = QByteArray(5000, 'x');
    const qrc::ValueCodec::Encoded compressed = qrc::ValueCodec::encode(big, {true, 100});
    QVERIFY(compressed.compressed);

    m_server.command({"SET", key("desc:plain"), plain, "EX", "100"});
    m_server.command({"SET", key("desc:gz"), compressed.bytes});
    m_server.command({"SET", key("desc:short"), "ab"});

    const Result<QList<KeyInfo>> r = await<QList<KeyInfo>>([&](auto done) {
        m_backend->describe(
            {key("desc:gz"), key("desc:missing"), key("desc:plain"), key("desc:short")},
            std::move(done));
    });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    const QList<KeyInfo> &infos = r.value;
    QCOMPARE(infos.size(), 3);

    QCOMPARE(infos[0].key, key("desc:gz"));
    QCOMPARE(infos[0].ttlMs, -1);
    QCOMPARE(infos[0].size, compressed.bytes.size());
    QCOMPARE(infos[0].compressed, true);

    QCOMPARE(infos[1].key, key("desc:plain"));
    QVERIFY(infos[1].ttlMs > 90000 && infos[1].ttlMs <= 100000);
    QCOMPARE(infos[1].size, plain.size());
    QCOMPARE(infos[1].compressed, false);

    QCOMPARE(infos[2].key, key("desc:short"));
    QCOMPARE(infos[2].size, 2);
    QCOMPARE(infos[2].compressed, false);

    const Result<QList<KeyInfo>> none =
        await<QList<KeyInfo>>([&](auto done) { m_backend->describe({}, std::move(done)); });
    QVERIFY(none.ok());
    QVERIFY(none.value.isEmpty());
}

void TestRedisBackend::pingReportsLatencyInMicroseconds() {
    const Result<qint64> r = await<qint64>([&](auto done) { m_backend->ping(std::move(done)); });
    QVERIFY2(r.ok(), qPrintable(r.error.toString()));
    QVERIFY(r.value > 0);
    QVERIFY(r.value < 1000000); // loopback: far below a second
}

void TestRedisBackend::errorReplyBecomesProtocolError() {
    m_server.command({"RPUSH", key("err:list"), "x"});
    const Result<std::optional<QByteArray>> r = await<std::optional<QByteArray>>(
        [&](auto done) { m_backend->get(key("err:list"), std::move(done)); });
    QCOMPARE(r.error.kind, ErrorKind::Protocol);
    QVERIFY2(r.error.message.contains(QStringLiteral("WRONGTYPE")), qPrintable(r.error.message));
    QVERIFY(!r.error.isTransient());
}

void TestRedisBackend::operationsFailWithConnectionErrorWhenRedisIsUnreachable() {
    RedisSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = RedisServer::freePort();
    RedisBackend backend(s);
    backend.client()->start();
    QTRY_COMPARE(backend.client()->state(), RedisClient::State::Unreachable);

    const Result<std::optional<QByteArray>> r =
        await<std::optional<QByteArray>>([&](auto done) { backend.get("k", std::move(done)); });
    QCOMPARE(r.error.kind, ErrorKind::Connection);
    QVERIFY(r.error.isTransient());
    const Result<qint64> p = await<qint64>([&](auto done) { backend.ping(std::move(done)); });
    QCOMPARE(p.error.kind, ErrorKind::Connection);
}

QTEST_GUILESS_MAIN(TestRedisBackend)
#include "tst_redisbackend.moc"
