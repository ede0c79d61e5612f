#include "apiclient.h"
#include "cachemanager.h"
#include "embeddedservice.h"
#include "guitestsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace qrc;

namespace {

// Runs one call and waits for its answer.
template <typename Call>
ApiReply call(Call &&start) {
    std::optional<ApiReply> result;
    QObject context;
    start(&context, [&](const ApiReply &r) { result = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
    return result.value_or(ApiReply{});
}

} // namespace

class tst_ApiClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(), qPrintable(m_service->errorString()));
        m_api = std::make_unique<ApiClient>();
        m_api->setBaseUrl(m_service->url());
    }
    void cleanup() {
        m_api.reset();
        m_service.reset();
    }

    void statsReportTheBackendAndCounters() {
        test::seedKeys(*m_service, QStringLiteral("users"), 3);
        const ApiReply r = call([&](QObject *c, auto done) { m_api->getStats(c, done); });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QLatin1String("backend")).toString(), QStringLiteral("memory"));
        QCOMPARE(r.object().value(QLatin1String("redis")).toString(), QStringLiteral("disabled"));
        QCOMPARE(r.object().value(QLatin1String("sets")).toInt(), 3);
    }

    void keysWithSlashesColonsSpacesAndUnicodeRoundTrip() {
        const QString key = QStringLiteral("page:/docs/getting started?x=1#top 北京");
        test::seedValue(*m_service, QStringLiteral("pages"), key, "hello");
        const ApiReply entry = call(
            [&](QObject *c, auto done) { m_api->getEntry(QStringLiteral("pages"), key, c, done); });
        QCOMPARE(entry.status, 200);
        QCOMPARE(entry.object().value(QLatin1String("key")).toString(), key);
        QCOMPARE(entry.object().value(QLatin1String("value")).toString(), QStringLiteral("hello"));

        const ApiReply ttl = call([&](QObject *c, auto done) {
            m_api->setTtl(QStringLiteral("pages"), key, 120, c, done);
        });
        QCOMPARE(ttl.status, 200);
        QCOMPARE(ttl.object().value(QLatin1String("ttl")).toInt(), 120);

        const ApiReply del = call([&](QObject *c, auto done) {
            m_api->deleteKey(QStringLiteral("pages"), key, c, done);
        });
        QCOMPARE(del.status, 200);
        QVERIFY(!test::keyExists(*m_service, QStringLiteral("pages"), key));
    }

    void keyListingIsPagedThroughTheCursor() {
        test::seedKeys(*m_service, QStringLiteral("big"), 250);
        QSet<QString> seen;
        QString cursor;
        int pages = 0;
        do {
            const ApiReply r = call([&](QObject *c, auto done) {
                m_api->listKeys(QStringLiteral("big"), {}, cursor, 100, c, done);
            });
            QCOMPARE(r.status, 200);
            const QJsonArray keys = r.object().value(QLatin1String("keys")).toArray();
            QVERIFY(keys.size() <= 100);
            for (const QJsonValue &k : keys)
                seen.insert(k.toObject().value(QLatin1String("key")).toString());
            const QJsonValue next = r.object().value(QLatin1String("next_cursor"));
            cursor = next.isString() ? next.toString() : QString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 50);
        QCOMPARE(seen.size(), 250);
        QVERIFY(pages >= 3);
    }

    void globMatchIsSentPercentEncoded() {
        test::seedKeys(*m_service, QStringLiteral("mixed"), 5, 3600, QStringLiteral("a b/"));
        test::seedKeys(*m_service, QStringLiteral("mixed"), 5, 3600, QStringLiteral("other:"));
        const ApiReply r = call([&](QObject *c, auto done) {
            m_api->listKeys(QStringLiteral("mixed"), QStringLiteral("a b/*"), {}, 1000, c, done);
        });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QLatin1String("keys")).toArray().size(), 5);
    }

    void errorsCarryTheServersDetail() {
        const ApiReply missing = call([&](QObject *c, auto done) {
            m_api->getEntry(QStringLiteral("users"), QStringLiteral("nobody"), c, done);
        });
        QCOMPARE(missing.status, 404);
        QVERIFY(!missing.errorText.isEmpty());

        test::seedKeys(*m_service, QStringLiteral("users"), 1);
        const ApiReply invalid = call([&](QObject *c, auto done) {
            m_api->setTtl(QStringLiteral("users"), QStringLiteral("key:00001"), 0, c, done);
        });
        QCOMPARE(invalid.status, 422);
        QVERIFY(invalid.errorText.contains(QStringLiteral("ttl")));
    }

    void tokenIsSentAsBearerAndAWrongOneIsUnauthorized() {
        Settings settings = EmbeddedService::defaultSettings();
        settings.server.adminToken = QStringLiteral("s3cret");
        EmbeddedService secured;
        QVERIFY(secured.start(settings));
        ApiClient api;
        api.setBaseUrl(secured.url());
        const ApiReply anonymous = call([&](QObject *c, auto done) { api.getStats(c, done); });
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.unauthorized());
        api.setToken(QStringLiteral("s3cret"));
        const ApiReply ok = call([&](QObject *c, auto done) { api.getStats(c, done); });
        QCOMPARE(ok.status, 200);
    }

    void aServerThatIsNotThereIsReportedAsUnreachable() {
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedPort())));
        const ApiReply r = call([&](QObject *c, auto done) { api.ping(c, done); });
        QVERIFY(r.unreachable());
        QVERIFY(!r.errorText.isEmpty());
    }

    void noCallbackRunsAfterItsContextIsGone() {
        bool called = false;
        auto *context = new QObject;
        m_api->getStats(context, [&](const ApiReply &) { called = true; });
        delete context;
        QSignalSpy answered(m_api.get(), &ApiClient::replyReceived);
        QVERIFY(answered.wait(5000));
        QVERIFY(!called);
    }

private:
    std::unique_ptr<EmbeddedService> m_service;
    std::unique_ptr<ApiClient> m_api;
};

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
