// CACHE_WIRE_FORMAT=seed: values written by the cache are read by a Python peer that decodes
// them as the seed library does, and values that peer writes are read by the cache, through a
// real redis-server.
#include "cachemanager.h"
#include "futurewait.h"
#include "redisserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace qrc;
using qrc::test::await;

class TestWireFormat : public QObject {
    Q_OBJECT

private:
    test::RedisServer m_redis;
    std::unique_ptr<CacheManager> m_cache;
    QString m_prefix = QStringLiteral("wire");

    CacheManager *make(const QString &format) {
        Settings s;
        s.redis.host = m_redis.host();
        s.redis.port = m_redis.port();
        s.cache.namespacePrefix = m_prefix;
        s.cache.compressionThreshold = 256;
        s.cache.wireFormat = format;
        m_cache = std::make_unique<CacheManager>(s);
        m_cache->start();
        if (!QTest::qWaitFor([&] { return m_cache->activeBackend() == BackendKind::Redis; }, 5000))
            qWarning("redis backend did not become active");
        return m_cache.get();
    }

    struct PeerResult {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    PeerResult peer(const QStringList &args) const {
        QProcess p;
        p.start(QStringLiteral("python3"),
                QStringList{qEnvironmentVariable("QRC_SOURCE_DIR") +
                                QStringLiteral("/tests/core/seedpeer.py"),
                            QStringLiteral("--port"), QString::number(m_redis.port())} +
                    args);
        if (!p.waitForFinished(10000))
            return {};
        return {p.exitCode(), p.readAllStandardOutput().trimmed(), p.readAllStandardError()};
    }
    QString full(const QString &ns, const QString &key) const {
        return m_prefix + u':' + ns + u':' + key;
    }
    static QJsonDocument json(const QByteArray &text) { return QJsonDocument::fromJson(text); }

    // A document well above the compression threshold, with non-ASCII text.
    static QByteArray largeDocument() {
        QByteArrayList items;
        for (int i = 0; i < 100; ++i)
            items += QStringLiteral("{\"id\": %1, \"name\": \"Grüße %1\"}").arg(i).toUtf8();
        return "{\"items\": [" + items.join(", ") + "]}";
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_redis.attachShared(), qPrintable(m_redis.lastError()));
        m_prefix += QString::number(QCoreApplication::applicationPid());
        const PeerResult version = [] {
            QProcess p;
            p.start(QStringLiteral("python3"), {QStringLiteral("--version")});
            p.waitForFinished(5000);
            return PeerResult{p.exitCode(), {}, {}};
        }();
        if (version.exitCode != 0)
            QSKIP("python3 is not installed");
    }

    void cleanup() { m_cache.reset(); }

    void seedFormatValuesAreReadByThePythonSeed() {
        CacheManager *c = make(QStringLiteral("seed"));
        const QByteArray small = R"({"id": 7, "name": "Straße"})";
        const QByteArray large = largeDocument();
        QVERIFY(
            await(c->set("small", CacheValue{small, "application/json", 0, {}}, 60, "py")).ok());
        QVERIFY(
            await(c->set("large", CacheValue{large, "application/json", 0, {}}, 60, "py")).ok());

        // Stored exactly as the seed stores them: the JSON text, or its compressed form.
        QCOMPARE(m_redis.command({"GET", full("py", "small").toUtf8()}), small);
        QVERIFY(m_redis.command({"GET", full("py", "large").toUtf8()})
                    .startsWith(QByteArray("\0GZIP\0", 6)));

        for (const auto &[key, text] : {std::pair{"small", small}, std::pair{"large", large}}) {
            const PeerResult read = peer({QStringLiteral("get"), full("py", key)});
            QVERIFY2(read.exitCode == 0, read.err.constData());
            QCOMPARE(json(read.out), json(text));
        }
    }

    void valuesWrittenByThePythonSeedAreRead() {
        CacheManager *c = make(QStringLiteral("seed"));
        const QByteArray large = largeDocument();
        PeerResult w = peer({QStringLiteral("set"), full("py", "plain"),
                             QString::fromUtf8(R"({"from": "python", "n": 1})")});
        QVERIFY2(w.exitCode == 0, w.err.constData());
        w = peer({QStringLiteral("set"), full("py", "packed"), QString::fromUtf8(large),
                  QStringLiteral("--compress")});
        QVERIFY2(w.exitCode == 0, w.err.constData());
        QVERIFY(m_redis.command({"GET", full("py", "packed").toUtf8()})
                    .startsWith(QByteArray("\0GZIP\0", 6)));

        const auto plain = await(c->getJson("plain", "py"));
        QVERIFY(plain.ok() && plain.value);
        QCOMPARE(plain.value->toObject().value("from").toString(), QStringLiteral("python"));
        const auto packed = await(c->get("packed", "py"));
        QVERIFY(packed.ok() && packed.value);
        QCOMPARE(json(packed.value->data), json(large));
    }

    void nativeFormatIsNotWhatTheSeedReads() {
        // Why the setting exists: the default keeps metadata in an envelope the seed cannot
        // parse.
        CacheManager *c = make(QStringLiteral("native"));
        QVERIFY(
            await(c->set("native", CacheValue{R"({"a": 1})", "application/json", 0, {}}, 60, "py"))
                .ok());
        const PeerResult read = peer({QStringLiteral("get"), full("py", "native")});
        QVERIFY(read.exitCode != 0 && read.exitCode != 3);
    }
};

QTEST_GUILESS_MAIN(TestWireFormat)
#include "tst_wireformat.moc"
