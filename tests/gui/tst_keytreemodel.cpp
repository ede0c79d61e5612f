#include "apiclient.h"
#include "cachemanager.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keyfilterproxymodel.h"
#include "keyspace.h"
#include "keytreemodel.h"
#include "keytreeview.h"
#include "redisserver.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUuid>

using namespace qrc;

class tst_KeyTreeModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(), qPrintable(m_service->errorString()));
        m_api = std::make_unique<ApiClient>();
        m_api->setBaseUrl(m_service->url());
        m_model = std::make_unique<KeyTreeModel>(m_api.get());
        m_proxy = std::make_unique<KeyFilterProxyModel>();
        m_proxy->setSourceModel(m_model.get());
    }
    void cleanup() {
        m_proxy.reset();
        m_model.reset();
        m_api.reset();
        m_service.reset();
    }

    // The tester behaves like an eager view (it fetches every page it can), so it gets its own
    // test; the others prove what a real view does.
    void itemModelTesterFindsNoFaultWhileBrowsingAndChanging() {
        QAbstractItemModelTester tester(m_model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setPageSize(25);
        test::seedKeys(*m_service, QStringLiteral("users"), 60, 50);
        test::seedKeys(*m_service, QStringLiteral("orders"), 30, 3600, QStringLiteral("order/"));
        test::seedKeys(*m_service, QStringLiteral("orders"), 5, 3600, QStringLiteral("refund/"));
        loadNamespaces(2);
        const QModelIndex users = m_model->namespaceIndex(QStringLiteral("users"));
        const QModelIndex orders = m_model->namespaceIndex(QStringLiteral("orders"));
        fetchAll(users);
        fetchAll(orders);
        QCOMPARE(m_model->rowCount(users), 60);
        QCOMPARE(m_model->rowCount(orders), 35);

        m_proxy->sort(KeyTreeModel::TtlColumn, Qt::DescendingOrder);
        m_proxy->setKeyGlob(QStringLiteral("*0?"));
        m_model->setKeyFilter(QStringLiteral("orders"), QStringLiteral("refund/*"));
        QTRY_COMPARE(m_model->rowCount(orders), 5);
        bool deleted = false;
        m_model->deleteKeys(QStringLiteral("users"),
                            {QStringLiteral("key:00001"), QStringLiteral("key:00060")},
                            [&](bool ok, qint64, const QString &) { deleted = ok; });
        QTRY_VERIFY(deleted);
        QSignalSpy ticked(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(ticked.wait(3000)); // a TTL countdown tick under the tester
        bool cleared = false;
        m_model->clearNamespace(QStringLiteral("users"),
                                [&](bool ok, qint64, const QString &) { cleared = ok; });
        QTRY_VERIFY(cleared);
        test::seedKeys(*m_service, QStringLiteral("fresh"), 3);
        m_model->refresh();
        QTRY_COMPARE(m_model->rowCount(), 2); // "users" is empty now and disappears
        QTRY_VERIFY(!m_model->isLoading());
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
    }

    void namespacesAreListedWithTheirKeyCounts() {
        test::seedKeys(*m_service, QStringLiteral("users"), 12);
        test::seedKeys(*m_service, QStringLiteral("sessions"), 3);
        loadNamespaces(2);
        QCOMPARE(m_model->namespaceNames(),
                 (QStringList{QStringLiteral("sessions"), QStringLiteral("users")}));
        const QModelIndex users = m_model->namespaceIndex(QStringLiteral("users"));
        QCOMPARE(users.data(KeyTreeModel::KeyCountRole).toLongLong(), 12);
        QVERIFY(users.data().toString().startsWith(QStringLiteral("users (12)")));
        QVERIFY(m_model->hasChildren(users));
        QCOMPARE(m_model->rowCount(users), 0); // nothing loaded before it is opened
        QVERIFY(m_model->canFetchMore(users));
    }

    void browsingTenThousandKeysRequestsOnlyPages() {
        test::seedKeys(*m_service, QStringLiteral("big"), 10000);
        loadNamespaces(1);
        KeyTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(m_proxy.get());
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        test::RequestLog log(m_api.get());
        const QModelIndex big = m_model->namespaceIndex(QStringLiteral("big"));
        QElapsedTimer opening;
        opening.start();
        view.expand(m_proxy->mapFromSource(big));
        QTRY_COMPARE(m_model->rowCount(big), m_model->pageSize());
        QVERIFY2(opening.elapsed() < 2000, "the first page must show at once");
        QCOMPARE(log.count(QStringLiteral("/keys")), 1);

        view.scrollToBottom(); // the view asks for the next page only when it needs it
        QTRY_COMPARE(m_model->rowCount(big), 2 * m_model->pageSize());
        QCOMPARE(log.count(QStringLiteral("/keys")), 2);
        QVERIFY(m_model->loadedKeyCount(QStringLiteral("big")) < 10000);
        QCOMPARE(log.total(), 2);
    }

    void fetchingEveryPageLoadsEveryKeyExactlyOnce() {
        test::seedKeys(*m_service, QStringLiteral("medium"), 1050);
        loadNamespaces(1);
        m_model->setPageSize(300);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("medium"));
        fetchAll(ns);
        QCOMPARE(m_model->rowCount(ns), 1050);
        QSet<QString> keys;
        for (int row = 0; row < m_model->rowCount(ns); ++row)
            keys.insert(m_model->index(row, 0, ns).data(KeyTreeModel::KeyRole).toString());
        QCOMPARE(keys.size(), 1050);
        QVERIFY(!m_model->hasChildren(m_model->index(0, 0, ns)));
    }

    void serverGlobFilterLoadsOnlyMatchingKeys() {
        test::seedKeys(*m_service, QStringLiteral("mixed"), 40, 3600, QStringLiteral("user:"));
        test::seedKeys(*m_service, QStringLiteral("mixed"), 40, 3600, QStringLiteral("order:"));
        loadNamespaces(1);
        m_model->setKeyFilter(QStringLiteral("mixed"), QStringLiteral("order:*"));
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("mixed"));
        QTRY_COMPARE(m_model->rowCount(ns), 40);
        for (int row = 0; row < 40; ++row)
            QVERIFY(m_model->index(row, 0, ns)
                        .data(KeyTreeModel::KeyRole)
                        .toString()
                        .startsWith(QStringLiteral("order:")));
        QVERIFY(ns.data().toString().contains(QStringLiteral("order:*")));
        m_model->setKeyFilter(QStringLiteral("mixed"), {});
        QTRY_COMPARE(m_model->rowCount(ns), 80);
    }

    void proxyNarrowsLoadedKeysAndSortsByValueNotText() {
        test::seedValue(*m_service, QStringLiteral("sizes"), QStringLiteral("small"), "x", 50);
        test::seedValue(*m_service, QStringLiteral("sizes"), QStringLiteral("medium"),
                        QByteArray(900, 'm'), 9);
        test::seedValue(*m_service, QStringLiteral("sizes"), QStringLiteral("large"),
                        QByteArray(100, 'l'), 3000);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("sizes"));
        m_model->fetchMore(ns);
        QTRY_COMPARE(m_model->rowCount(ns), 3);

        const QModelIndex proxyNs = m_proxy->mapFromSource(ns);
        auto keysInProxyOrder = [&] {
            QStringList keys;
            for (int row = 0; row < m_proxy->rowCount(proxyNs); ++row)
                keys << m_proxy->index(row, 0, proxyNs).data(KeyTreeModel::KeyRole).toString();
            return keys;
        };
        m_proxy->sort(KeyTreeModel::TtlColumn, Qt::AscendingOrder);
        // 9 s < 50 s < 3000 s, although "50s" > "9s" < "50m..." as text.
        QCOMPARE(keysInProxyOrder(), (QStringList{QStringLiteral("medium"), QStringLiteral("small"),
                                                  QStringLiteral("large")}));
        m_proxy->sort(KeyTreeModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(keysInProxyOrder().constFirst(), QStringLiteral("medium"));

        m_proxy->setKeyGlob(QStringLiteral("l*"));
        QCOMPARE(keysInProxyOrder(), QStringList{QStringLiteral("large")});
        m_proxy->setKeyGlob(QStringLiteral("ALL")); // a plain word matches inside, any case
        QCOMPARE(keysInProxyOrder(), QStringList{QStringLiteral("small")});
        QCOMPARE(m_model->rowCount(ns), 3); // the source model keeps every loaded row
        m_proxy->setKeyGlob({});
        QCOMPARE(m_proxy->rowCount(proxyNs), 3);
    }

    // Issue 16, fault 14: natural order, and namespaces keep theirs whatever sorts the keys.
    void namesSortNaturallyAndNamespacesKeepTheirOrderUnderEveryColumn() {
        test::seedValue(*m_service, QStringLiteral("nat"), QStringLiteral("user_2"), "x");
        test::seedValue(*m_service, QStringLiteral("nat"), QStringLiteral("user_14"), "xxxxxx");
        test::seedValue(*m_service, QStringLiteral("nat"), QStringLiteral("user_137"), "xxx");
        test::seedKeys(*m_service, QStringLiteral("ns_9"), 1);
        test::seedKeys(*m_service, QStringLiteral("ns_10"), 4);
        loadNamespaces(3);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("nat"));
        fetchAll(ns);
        const QModelIndex proxyNs = m_proxy->mapFromSource(ns);
        auto column = [&](const QModelIndex &parent, int role) {
            QStringList names;
            for (int row = 0; row < m_proxy->rowCount(parent); ++row)
                names << m_proxy->index(row, 0, parent).data(role).toString();
            return names;
        };
        const QStringList namespaces = {QStringLiteral("nat"), QStringLiteral("ns_9"),
                                        QStringLiteral("ns_10")};
        m_proxy->sort(KeyTreeModel::KeyColumn, Qt::AscendingOrder);
        QCOMPARE(column({}, KeyTreeModel::NamespaceRole), namespaces);
        QCOMPARE(column(proxyNs, KeyTreeModel::KeyRole),
                 (QStringList{QStringLiteral("user_2"), QStringLiteral("user_14"),
                              QStringLiteral("user_137")}));
        for (const auto order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_proxy->sort(KeyTreeModel::SizeColumn, order);
            QCOMPARE(column({}, KeyTreeModel::NamespaceRole), namespaces);
        }
        QCOMPARE(column(proxyNs, KeyTreeModel::KeyRole),
                 (QStringList{QStringLiteral("user_14"), QStringLiteral("user_137"),
                              QStringLiteral("user_2")}));
    }

    // Fault 8: until the user sorts, a new page is appended after the loaded rows.
    void pagesAppendInServerOrderUntilTheUserSorts() {
        QAbstractItemModelTester proxyTester(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setPageSize(25);
        test::seedKeys(*m_service, QStringLiteral("paged"), 70);
        m_proxy->sort(KeyTreeModel::KeyColumn, Qt::AscendingOrder);
        m_proxy->setKeysSorted(false);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("paged"));
        fetchAll(ns);
        const QModelIndex proxyNs = m_proxy->mapFromSource(ns);
        QCOMPARE(m_proxy->rowCount(proxyNs), 70);
        for (int row = 0; row < 70; ++row)
            QCOMPARE(m_proxy->mapToSource(m_proxy->index(row, 0, proxyNs)).row(), row);
    }

    void ttlCountsDownLocallyWithoutAskingTheServer() {
        test::seedValue(*m_service, QStringLiteral("short"), QStringLiteral("soon"), "v", 100);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("short"));
        m_model->fetchMore(ns);
        QTRY_COMPARE(m_model->rowCount(ns), 1);
        const QModelIndex ttl = m_model->index(0, KeyTreeModel::TtlColumn, ns);
        const qint64 first = ttl.data(KeyTreeModel::TtlSecondsRole).toLongLong();
        QVERIFY(first >= 99 && first <= 100);
        test::RequestLog log(m_api.get());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QTRY_VERIFY_WITH_TIMEOUT(ttl.data(KeyTreeModel::TtlSecondsRole).toLongLong() <= first - 2,
                                 6000);
        QVERIFY(!changed.isEmpty()); // views were told to repaint the countdown
        QCOMPARE(log.total(), 0);
        QVERIFY(ttl.data().toString().endsWith(QLatin1Char('s')));
    }

    void editingTheTtlCellChangesItOnTheServer() {
        test::seedKeys(*m_service, QStringLiteral("users"), 3);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("users"));
        m_model->fetchMore(ns);
        QTRY_COMPARE(m_model->rowCount(ns), 3);
        const QModelIndex ttl = m_model->index(1, KeyTreeModel::TtlColumn, ns);
        QVERIFY(m_model->flags(ttl) & Qt::ItemIsEditable);
        QVERIFY(!(m_model->flags(ttl.siblingAtColumn(0)) & Qt::ItemIsEditable));
        const QString key = ttl.data(KeyTreeModel::KeyRole).toString();
        QVERIFY(m_model->setData(ttl, 42));
        QTRY_COMPARE(ttl.data(KeyTreeModel::TtlSecondsRole).toLongLong(), 42);
        auto serverTtl = m_service->cache()->ttl(key, QStringLiteral("users"));
        serverTtl.waitForFinished();
        QVERIFY(serverTtl.result().value <= 42 && serverTtl.result().value >= 41);
        QVERIFY(!m_model->setData(ttl, 0)); // refused before asking the server
    }

    void readOnlyModelRefusesEdits() {
        test::seedKeys(*m_service, QStringLiteral("users"), 1);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("users"));
        m_model->fetchMore(ns);
        QTRY_COMPARE(m_model->rowCount(ns), 1);
        m_model->setReadOnly(true);
        const QModelIndex ttl = m_model->index(0, KeyTreeModel::TtlColumn, ns);
        QVERIFY(!(m_model->flags(ttl) & Qt::ItemIsEditable));
        QVERIFY(!m_model->setData(ttl, 500));
    }

    void deletingKeysRemovesTheirRowsAndTheServerKeys() {
        test::seedKeys(*m_service, QStringLiteral("users"), 5);
        loadNamespaces(1);
        const QModelIndex ns = m_model->namespaceIndex(QStringLiteral("users"));
        m_model->fetchMore(ns);
        QTRY_COMPARE(m_model->rowCount(ns), 5);
        bool finished = false;
        qint64 deleted = 0;
        m_model->deleteKeys(QStringLiteral("users"),
                            {QStringLiteral("key:00002"), QStringLiteral("key:00004")},
                            [&](bool ok, qint64 count, const QString &) {
                                finished = ok;
                                deleted = count;
                            });
        QTRY_VERIFY(finished);
        QCOMPARE(deleted, 2);
        QCOMPARE(m_model->rowCount(ns), 3);
        QVERIFY(!m_model->keyIndex(QStringLiteral("users"), QStringLiteral("key:00002")).isValid());
        QVERIFY(!test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("key:00004")));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("users"), QStringLiteral("key:00003")));
        QCOMPARE(ns.data(KeyTreeModel::KeyCountRole).toLongLong(), 3);
    }

    void clearingANamespaceLeavesItsSiblingAlone() {
        test::seedKeys(*m_service, QStringLiteral("it"), 4);
        test::seedKeys(*m_service, QStringLiteral("items"), 6);
        loadNamespaces(2);
        const QModelIndex it = m_model->namespaceIndex(QStringLiteral("it"));
        m_model->fetchMore(it);
        QTRY_COMPARE(m_model->rowCount(it), 4);
        qint64 cleared = -1;
        m_model->clearNamespace(QStringLiteral("it"),
                                [&](bool, qint64 count, const QString &) { cleared = count; });
        QTRY_COMPARE(cleared, 4);
        QCOMPARE(m_model->rowCount(it), 0);
        QVERIFY(!m_model->canFetchMore(it));
        QVERIFY(test::keyExists(*m_service, QStringLiteral("items"), QStringLiteral("key:00006")));
    }

    void refreshKeepsRowsAndReloadsOpenedNamespaces() {
        test::seedKeys(*m_service, QStringLiteral("users"), 2);
        loadNamespaces(1);
        const QModelIndex users = m_model->namespaceIndex(QStringLiteral("users"));
        const QPersistentModelIndex persistent(users);
        m_model->fetchMore(users);
        QTRY_COMPARE(m_model->rowCount(users), 2);

        test::seedKeys(*m_service, QStringLiteral("users"), 3); // one more key
        test::seedKeys(*m_service, QStringLiteral("audit"), 1);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->refresh();
        QTRY_COMPARE(m_model->rowCount(), 2);
        QTRY_COMPARE(m_model->rowCount(m_model->namespaceIndex(QStringLiteral("users"))), 3);
        QVERIFY(persistent.isValid());
        QCOMPARE(persistent.data(KeyTreeModel::NamespaceRole).toString(), QStringLiteral("users"));
        QCOMPARE(reset.count(), 0);
    }

    // Issue 16: a Type column; a hash or list shows what it takes in memory, not "0 bytes".
    void typeColumnNamesEachKeysRedisTypeAndCollectionsShowTheirMemory() {
        test::RedisServer redis;
        QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
        const Settings settings = test::embeddedSettingsOn(
            redis,
            QStringLiteral("tst-tree-") + QUuid::createUuid().toString(QUuid::Id128).left(12));
        EmbeddedService service;
        QVERIFY2(service.start(settings), qPrintable(service.errorString()));
        QTRY_COMPARE(service.cache()->activeBackend(), BackendKind::Redis);
        const Keyspace &keyspace = service.cache()->keyspace();
        redis.command({"HSET", keyspace.fullKey("mixed", "h"), "f", "v"});
        redis.command({"XADD", keyspace.fullKey("mixed", "x"), "*", "f", "v"});
        test::seedValue(service, QStringLiteral("mixed"), QStringLiteral("s"), "text");
        ApiClient api;
        api.setBaseUrl(service.url());
        KeyTreeModel model(&api);
        model.refresh();
        QTRY_COMPARE(model.rowCount(), 1);
        const QModelIndex ns = model.namespaceIndex(QStringLiteral("mixed"));
        model.fetchMore(ns);
        QTRY_COMPARE(model.rowCount(ns), 3);
        QCOMPARE(model.headerData(KeyTreeModel::TypeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Type"));
        QHash<QString, QString> types;
        for (int row = 0; row < 3; ++row) {
            const QModelIndex key = model.index(row, KeyTreeModel::KeyColumn, ns);
            const QModelIndex type = key.siblingAtColumn(KeyTreeModel::TypeColumn);
            types.insert(key.data().toString(), type.data().toString() + QLatin1Char('/') +
                                                    type.data(Qt::ToolTipRole).toString());
            const QModelIndex size = key.siblingAtColumn(KeyTreeModel::SizeColumn);
            QVERIFY2(size.data(Qt::ToolTipRole).toString().contains(QStringLiteral("in memory")),
                     qPrintable(size.data(Qt::ToolTipRole).toString()));
            if (key.data().toString() != QLatin1String("s")) {
                QVERIFY(size.data().toString() != QStringLiteral("0 bytes"));
                QVERIFY(size.data(KeyTreeModel::SortRole).toLongLong() > 0);
            }
        }
        // The column shows Redis's own type name (short, in every language); the tooltip the
        // translated one.
        QCOMPARE(types,
                 (QHash<QString, QString>{{QStringLiteral("h"), QStringLiteral("hash/Hash")},
                                          {QStringLiteral("x"), QStringLiteral("stream/Stream")},
                                          {QStringLiteral("s"), QStringLiteral("string/String")}}));
    }

private:
    void fetchAll(const QModelIndex &ns) {
        while (ns.data(KeyTreeModel::HasMoreRole).toBool()) {
            m_model->fetchMore(ns);
            QTRY_VERIFY(!ns.data(KeyTreeModel::LoadingRole).toBool());
        }
        QVERIFY(!m_model->canFetchMore(ns));
    }

    void loadNamespaces(int expected) {
        QSignalSpy loaded(m_model.get(), &KeyTreeModel::namespacesLoaded);
        m_model->refresh();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(m_model->rowCount(), expected);
    }

    std::unique_ptr<EmbeddedService> m_service;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<KeyTreeModel> m_model;
    std::unique_ptr<KeyFilterProxyModel> m_proxy;
};

QTEST_MAIN(tst_KeyTreeModel)
#include "tst_keytreemodel.moc"
