// Every control and view of the console that a user can reach has a name for screen readers
// and AT-SPI tools: the main window connected to a real server with a key shown, and each of
// its dialogs.
#include "connectiondialog.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keyfilterproxymodel.h"
#include "keytreemodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "valuepanel.h"

#include <QAbstractItemView>
#include <QChartView>
#include <QDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace qrc;

class tst_Accessibility : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QSettings().clear();
        QCOMPARE(m_l10n.load(QStringLiteral("en")), QStringLiteral("en"));
    }

    void everyReachableWidgetOfTheMainWindowHasAName() {
        EmbeddedService service;
        QVERIFY2(service.start(), qPrintable(service.errorString()));
        service.seedSampleData();
        MainWindow window;
        window.resizeForLayout(QSize(1366, 768));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Not connected: the first thing a user meets.
        QVERIFY2(test::unnamedWidgets(&window).isEmpty(),
                 qPrintable(test::unnamedWidgets(&window).join(QLatin1Char('\n'))));

        window.connectTo(service.url());
        QTRY_VERIFY(window.keyModel()->rowCount() > 0);
        const QModelIndex ns = window.keyProxy()->index(0, 0);
        window.keyView()->expand(ns);
        QTRY_VERIFY(window.keyProxy()->rowCount(ns) > 0);
        window.keyView()->setCurrentIndex(window.keyProxy()->index(0, 0, ns));
        QTRY_VERIFY(window.valuePanel()->isLoaded());
        const QStringList unnamed = test::unnamedWidgets(&window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));

        // Views say what they show, not only what they are.
        for (QWidget *view : {static_cast<QWidget *>(window.keyView()),
                              static_cast<QWidget *>(window.filterEdit())}) {
            QVERIFY2(!view->accessibleDescription().isEmpty(), view->metaObject()->className());
        }
        for (QChartView *chart : window.findChildren<QChartView *>())
            QVERIFY(!chart->accessibleDescription().isEmpty());
        window.disconnectFromServer();
    }

    void everyDialogsWidgetsHaveNames() {
        MainWindow window;
        {
            ConnectionDialog dialog({{QStringLiteral("http://127.0.0.1:8000"), {}}}, &window);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QStringList unnamed = test::unnamedWidgets(&dialog);
            QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
        }
        {
            std::unique_ptr<QDialog> dialog = window.makeShortcutsDialog();
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
            const QStringList unnamed = test::unnamedWidgets(dialog.get());
            QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
        }
        {
            std::unique_ptr<QMessageBox> box =
                window.makeConfirmationBox(QStringLiteral("Clear all"), QStringLiteral("Sure?"));
            box->show();
            QVERIFY(QTest::qWaitForWindowExposed(box.get()));
            const QStringList unnamed = test::unnamedWidgets(box.get());
            QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
        }
    }

    void theCheckFindsAnUnnamedControl() {
        // The walk itself: a line edit without a name or label is reported, a named one is not.
        QWidget root;
        auto *edit = new QLineEdit(&root);
        edit->setObjectName(QStringLiteral("nameless"));
        QCOMPARE(test::unnamedWidgets(&root).size(), 1);
        QVERIFY(test::unnamedWidgets(&root).constFirst().contains(QStringLiteral("nameless")));
        edit->setAccessibleName(QStringLiteral("Key filter"));
        QVERIFY(test::unnamedWidgets(&root).isEmpty());
    }

private:
    Localization m_l10n;
};

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
