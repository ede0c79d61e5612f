// The embedded service's sample data ends up where the cache serves from.
#include "apiclient.h"
#include "cachemanager.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keytreemodel.h"
#include "redisserver.h"

#include <QTest>

using namespace qrc;

class tst_EmbeddedService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleDataOnRedisIsWrittenToRedisNotToTheFallback() {
        // Seeded right after the start, before Redis is reached: the entries went to the outage
        // fallback and the reconnect's invalidation replay left Redis without them.
        test::RedisServer redis;
        QVERIFY2(redis.start(), qPrintable(redis.lastError()));
        const Settings settings =
            test::embeddedSettingsOn(redis, QStringLiteral("tst-embeddedservice"));
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));
        service.seedSampleData();
        QTRY_VERIFY_WITH_TIMEOUT(service.cache()->activeBackend() == BackendKind::Redis, 10000);

        ApiClient api;
        api.setBaseUrl(service.url());
        KeyTreeModel model(&api);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                model.refresh();
                return model.namespaceIndex(QStringLiteral("users"))
                           .data(KeyTreeModel::KeyCountRole)
                           .toInt() == 60;
            }(),
            10000);
    }
};

QTEST_MAIN(tst_EmbeddedService)
#include "tst_embeddedservice.moc"
