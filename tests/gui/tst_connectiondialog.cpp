#include "connectiondialog.h"
#include "consolesettings.h"
#include "guitestsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace qrc;

class tst_ConnectionDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));
    }
    void init() { QSettings().clear(); }

    void tokenIsStoredOnlyWhenTheUserAsksForIt() {
        ConsoleSettings settings;
        settings.addRecentConnection(QStringLiteral("http://a:8000"), QStringLiteral("t-a"), false);
        settings.addRecentConnection(QStringLiteral("http://b:8000"), QStringLiteral("t-b"), true);
        const auto recent = settings.recentConnections();
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent[0].url, QStringLiteral("http://b:8000")); // most recent first
        QCOMPARE(recent[0].token, QStringLiteral("t-b"));
        QCOMPARE(recent[1].token, QString());
        QVERIFY(!QSettings().allKeys().join(QLatin1Char(' ')).isEmpty());
        for (const QString &key : QSettings().allKeys())
            QVERIFY2(QSettings().value(key).toString() != QStringLiteral("t-a"), qPrintable(key));

        // Connecting again without ticking the box forgets the stored token.
        settings.addRecentConnection(QStringLiteral("http://b:8000"), QStringLiteral("t-b"), false);
        QCOMPARE(settings.recentConnections().constFirst().token, QString());
        QCOMPARE(settings.lastUrl(), QStringLiteral("http://b:8000"));
    }

    void recentListIsBoundedAndDeduplicated() {
        ConsoleSettings settings;
        for (int i = 0; i < 15; ++i)
            settings.addRecentConnection(QStringLiteral("http://h%1").arg(i), {}, false);
        settings.addRecentConnection(QStringLiteral("http://h3"), {}, false);
        const auto recent = settings.recentConnections();
        QCOMPARE(recent.size(), ConsoleSettings::MaxRecent);
        QCOMPARE(recent.constFirst().url, QStringLiteral("http://h3"));
        QCOMPARE(std::count_if(
                     recent.cbegin(), recent.cend(),
                     [](const RecentConnection &c) { return c.url == QLatin1String("http://h3"); }),
                 1);
    }

    // Issue 16, fault 1: Enter connects to the typed URL, even on a first start.
    void enterConnectsToTheTypedUrlWithoutRecentConnections() {
        ConnectionDialog dialog({});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLineEdit *edit = dialog.urlBox()->lineEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("http://127.0.0.1:8099"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.request().embedded);
        QCOMPARE(dialog.request().url, QStringLiteral("http://127.0.0.1:8099"));
    }

    void dialogOffersRecentConnectionsWithTheirRememberedToken() {
        ConnectionDialog dialog({{QStringLiteral("http://b:8000"), QStringLiteral("t-b")},
                                 {QStringLiteral("http://a:8000"), {}}});
        QCOMPARE(dialog.urlBox()->count(), 2);
        QCOMPARE(dialog.tokenEdit()->text(), QStringLiteral("t-b"));
        QVERIFY(dialog.rememberBox()->isChecked());
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
        dialog.urlBox()->setCurrentIndex(1);
        Q_EMIT dialog.urlBox()->activated(1);
        QCOMPARE(dialog.tokenEdit()->text(), QString());
        QVERIFY(!dialog.rememberBox()->isChecked());
        const ConnectionRequest r = dialog.request();
        QCOMPARE(r.url, QStringLiteral("http://a:8000"));
        QVERIFY(!r.embedded);
    }

    void firstStartMakesTheEmbeddedServiceTheDefaultChoice() {
        ConnectionDialog dialog({});
        QVERIFY(dialog.embeddedButton()->isDefault());
        dialog.show();
        dialog.embeddedButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.request().embedded);
        QVERIFY(!dialog.request().embeddedRedis);
    }
};

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_connectiondialog.moc"
