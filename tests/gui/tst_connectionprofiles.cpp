// Named connection profiles (URL, token file, read-only): remembered in the console's settings,
// filled in and saved from the connection dialog, switched from the File menu.
#include "connectiondialog.h"
#include "consolesettings.h"
#include "embeddedservice.h"
#include "guitestsupport.h"
#include "keytreemodel.h"
#include "mainwindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace qrc;

class tst_ConnectionProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings();
        QCoreApplication::setOrganizationName(QStringLiteral("QtRedisCacheTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connectionprofiles"));
        QVERIFY(m_dir.isValid());
    }
    void init() { QSettings().clear(); }

    void severalProfilesAreRememberedReplacedByNameAndRemoved() {
        {
            ConsoleSettings settings;
            settings.saveProfile({QStringLiteral("staging"), QStringLiteral("http://s:8000"),
                                  QStringLiteral("/etc/s.token"), false});
            settings.saveProfile({QStringLiteral("production"), QStringLiteral("http://p:8000"),
                                  QStringLiteral("/etc/p.token"), true});
            settings.saveProfile(
                {QStringLiteral("dev 10"), QStringLiteral("http://d10"), {}, false});
            settings.saveProfile({QStringLiteral("dev 9"), QStringLiteral("http://d9"), {}, false});
        }
        ConsoleSettings settings; // as the next start reads them
        QStringList names;
        for (const ConnectionProfile &p : settings.profiles())
            names << p.name;
        QCOMPARE(names, (QStringList{QStringLiteral("dev 9"), QStringLiteral("dev 10"),
                                     QStringLiteral("production"), QStringLiteral("staging")}));
        const auto production = settings.profile(QStringLiteral("production"));
        QVERIFY(production);
        QCOMPARE(production->url, QStringLiteral("http://p:8000"));
        QCOMPARE(production->tokenFile, QStringLiteral("/etc/p.token"));
        QVERIFY(production->readOnly);

        settings.saveProfile(
            {QStringLiteral("production"), QStringLiteral("http://p2:8000"), {}, false});
        QCOMPARE(settings.profiles().size(), 4);
        QCOMPARE(settings.profile(QStringLiteral("production"))->url,
                 QStringLiteral("http://p2:8000"));
        QVERIFY(!settings.profile(QStringLiteral("production"))->readOnly);

        settings.setLastProfile(QStringLiteral("staging"));
        settings.removeProfile(QStringLiteral("staging"));
        QCOMPARE(settings.profiles().size(), 3);
        QVERIFY(!settings.profile(QStringLiteral("staging")));
        QCOMPARE(settings.lastProfile(), QString());
    }

    void noTokenIsStoredWithAProfile() {
        ConsoleSettings settings;
        settings.saveProfile({QStringLiteral("p"), QStringLiteral("http://p"), tokenFile(), false});
        for (const QString &key : QSettings().allKeys())
            QVERIFY2(QSettings().value(key).toString() != QStringLiteral("s3cret"),
                     qPrintable(key));
    }

    void choosingAProfileInTheDialogFillsItsFields() {
        const QList<ConnectionProfile> profiles{
            {QStringLiteral("local"), QStringLiteral("http://127.0.0.1:8000"), {}, false},
            {QStringLiteral("prod"), QStringLiteral("http://10.1.2.3:8000"),
             QStringLiteral("/run/prod.token"), true}};
        ConnectionDialog dialog({}, nullptr, profiles);
        QCOMPARE(dialog.profileNames(),
                 (QStringList{QStringLiteral("local"), QStringLiteral("prod")}));
        QCOMPARE(dialog.profileBox()->currentText(), QString()); // none until chosen
        dialog.chooseProfile(QStringLiteral("prod"));
        QCOMPARE(dialog.urlBox()->currentText(), QStringLiteral("http://10.1.2.3:8000"));
        QCOMPARE(dialog.tokenFileEdit()->text(), QStringLiteral("/run/prod.token"));
        QVERIFY(dialog.readOnlyBox()->isChecked());
        QVERIFY(dialog.deleteProfileButton()->isEnabled());
        const ConnectionRequest request = dialog.request();
        QCOMPARE(request.profileName, QStringLiteral("prod"));
        QCOMPARE(request.tokenFile, QStringLiteral("/run/prod.token"));
        QVERIFY(request.readOnly);

        // Choosing in the list (the user's way) does the same.
        QTest::keyClick(dialog.profileBox(), Qt::Key_Up); // to "local"
        QCOMPARE(dialog.profileBox()->currentText(), QStringLiteral("local"));
        Q_EMIT dialog.profileBox()->activated(dialog.profileBox()->currentIndex());
        QCOMPARE(dialog.urlBox()->currentText(), QStringLiteral("http://127.0.0.1:8000"));
        QVERIFY(!dialog.readOnlyBox()->isChecked());
        QVERIFY(dialog.tokenFileEdit()->text().isEmpty());
    }

    void aNewNameInTheDialogSavesTheProfileOnConnect() {
        EmbeddedService service;
        QVERIFY(service.start(guardedSettings()));
        MainWindow window;
        ConnectionDialog dialog({}, &window, {});
        dialog.profileBox()->setEditText(QStringLiteral("guarded"));
        dialog.urlBox()->setEditText(service.url().toString());
        dialog.tokenFileEdit()->setText(tokenFile());
        dialog.readOnlyBox()->setChecked(true);
        QVERIFY(window.connectWith(dialog.request()));
        QTRY_VERIFY(window.connectionStatusText().startsWith(QStringLiteral("Connected to")));
        const auto saved = ConsoleSettings().profile(QStringLiteral("guarded"));
        QVERIFY(saved);
        QCOMPARE(saved->url, service.url().toString());
        QCOMPARE(saved->tokenFile, tokenFile());
        QVERIFY(saved->readOnly);
        QVERIFY(window.isReadOnly());
        QCOMPARE(window.activeProfile(), QStringLiteral("guarded"));
        QCOMPARE(ConsoleSettings().lastProfile(), QStringLiteral("guarded"));
        window.disconnectFromServer();
    }

    void profilesAreSwitchedFromTheMenu() {
        EmbeddedService guarded;
        QVERIFY(guarded.start(guardedSettings()));
        test::seedKeys(guarded, QStringLiteral("secret-ns"), 2);
        EmbeddedService open;
        QVERIFY(open.start());
        test::seedKeys(open, QStringLiteral("open-ns"), 3);
        {
            ConsoleSettings settings;
            settings.saveProfile(
                {QStringLiteral("guarded"), guarded.url().toString(), tokenFile(), true});
            settings.saveProfile({QStringLiteral("open"), open.url().toString(), {}, false});
        }
        MainWindow window;
        window.show();
        QMenu *menu = window.profilesMenu();
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QStringList entries;
        for (QAction *a : menu->actions())
            entries << a->text();
        QCOMPARE(entries,
                 (QStringList{QStringLiteral("guarded (read-only)"), QStringLiteral("open")}));

        // The guarded server through its profile: token from the file, read-only.
        menu->actions().at(0)->trigger();
        QTRY_COMPARE(window.keyModel()->namespaceNames(), QStringList{QStringLiteral("secret-ns")});
        QVERIFY(window.isReadOnly());
        QVERIFY(!window.action(QStringLiteral("clearAll"))->isEnabled());
        QVERIFY(menu->actions().at(0)->isChecked());

        // Switch: the other server, writable again.
        menu->actions().at(1)->trigger();
        QTRY_COMPARE(window.keyModel()->namespaceNames(), QStringList{QStringLiteral("open-ns")});
        QVERIFY(!window.isReadOnly());
        QTRY_VERIFY(window.action(QStringLiteral("clearAll"))->isEnabled());
        QCOMPARE(window.activeProfile(), QStringLiteral("open"));
        QVERIFY(window.profilesMenu()->actions().at(1)->isChecked());
        QVERIFY(!window.profilesMenu()->actions().at(0)->isChecked());
        window.disconnectFromServer();
    }

    void anUnreadableTokenFileIsSaidAndNothingIsConnected() {
        ConsoleSettings().saveProfile({QStringLiteral("broken"),
                                       QStringLiteral("http://127.0.0.1:9"),
                                       m_dir.filePath(QStringLiteral("missing.token")), false});
        MainWindow window;
        QVERIFY(!window.connectToProfile(QStringLiteral("broken")));
        QCOMPARE(window.connection()->state(), ServerConnection::State::Disconnected);
    }

private:
    QString tokenFile() {
        const QString path = m_dir.filePath(QStringLiteral("admin.token"));
        QFile file(path);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.write("s3cret\n");
        return path;
    }
    static Settings guardedSettings() {
        Settings settings = EmbeddedService::defaultSettings();
        settings.server.adminToken = QStringLiteral("s3cret");
        return settings;
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_ConnectionProfiles)
#include "tst_connectionprofiles.moc"
