// "Biggest keys" of a namespace: the dialog over the real API, and the console's action.
#include "biggestkeysdialog.h"
#include "cachemanager.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keytreemodel.h"
#include "mainwindow.h"
#include "valuepanel.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace qrc;

class tst_BiggestKeysDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_biggestkeysdialog"));
    }

    void init() {
        QSettings().clear();
        m_service = std::make_unique<EmbeddedService>();
        QVERIFY2(m_service->start(), qPrintable(m_service->errorString()));
        for (int i = 1; i <= 30; ++i)
            test::seedValue(*m_service, QStringLiteral("files"), QStringLiteral("f%1").arg(i),
                            QByteArray(i * 10, 'a' + char(i % 26)), 3600, "text/plain");
    }

    void cleanup() { m_service.reset(); }

    void largestKeysComeFirstWithTheSampleStated() {
        ApiClient api;
        api.setBaseUrl(QUrl(m_service->url()));
        BiggestKeysDialog dialog(&api, QStringLiteral("files"));
        QTRY_VERIFY(!dialog.isLoading());
        QTableWidget *table = dialog.table();
        QCOMPARE(table->rowCount(), 30);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("f30"));
        QCOMPARE(table->item(29, 0)->text(), QStringLiteral("f1"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("String"));
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("all 30 keys")),
                 qPrintable(dialog.summaryText()));
        const QStringList unnamed = test::unnamedWidgets(&dialog);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void theConsoleActionOpensItAndAPickedKeyIsSelected() {
        MainWindow window;
        window.show();
        window.connectTo(m_service->url());
        QTRY_COMPARE(window.keyModel()->rowCount(), 1);
        QTreeView *tree = window.findChild<QTreeView *>(QStringLiteral("keyTree"));
        QVERIFY(tree);
        tree->setCurrentIndex(tree->model()->index(0, 0));
        tree->expand(tree->currentIndex());
        QTRY_COMPARE(window.keyModel()->loadedKeyCount(QStringLiteral("files")), 30);
        QAction *action = window.action(QStringLiteral("biggestKeys"));
        QTRY_VERIFY(action->isEnabled());
        action->trigger();
        BiggestKeysDialog *dialog = window.findChild<BiggestKeysDialog *>();
        QVERIFY(dialog);
        QTRY_COMPARE(dialog->table()->rowCount(), 30);
        Q_EMIT dialog->table()->itemActivated(dialog->table()->item(0, 0));
        QTRY_COMPARE(window.valuePanel()->currentKey(), QStringLiteral("f30"));
        QCOMPARE(tree->currentIndex().data(KeyTreeModel::KeyRole).toString(),
                 QStringLiteral("f30"));

        // Nothing of this server stays on screen when the window connects to another.
        QPointer<BiggestKeysDialog> open(dialog);
        window.connectTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(test::unusedPort())));
        QTRY_VERIFY(open.isNull());
    }

private:
    std::unique_ptr<EmbeddedService> m_service;
};

QTEST_MAIN(tst_BiggestKeysDialog)
#include "tst_biggestkeysdialog.moc"
