#include "guitestsupport.h"
#include "localization.h"
#include "mainwindow.h"
#include "serverstats.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace qrc;

class tst_Localization : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void germanStringsAppearWithLangDe() {
        Localization l10n;
        QVERIFY(l10n.load(QStringLiteral("de")).startsWith(QStringLiteral("de")));
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&Datei"));
        QCOMPARE(window.action(QStringLiteral("refresh"))->text(),
                 QStringLiteral("&Aktualisieren"));
        QCOMPARE(window.connectionStatusText(), QStringLiteral("Nicht verbunden"));
    }

    // Numbers and sizes follow the chosen language, not the environment's locale (the
    // screenshots run with LANG=C.UTF-8 and showed "81.9 %" and "166 bytes" in German).
    void numbersAndSizesFollowTheLanguage() {
        Localization l10n;
        QVERIFY(l10n.load(QStringLiteral("de")).startsWith(QStringLiteral("de")));
        QCOMPARE(QLocale().toString(81.9, 'f', 1), QStringLiteral("81,9"));
        QCOMPARE(QLocale().toString(1807), QStringLiteral("1.807"));
        QVERIFY2(!formatBytes(166).contains(QStringLiteral("bytes")), qPrintable(formatBytes(166)));
        QVERIFY2(formatBytes(1536).contains(QStringLiteral("1,5")), qPrintable(formatBytes(1536)));
        QVERIFY(l10n.load(QStringLiteral("en")).startsWith(QStringLiteral("en")));
        QCOMPARE(QLocale().toString(81.9, 'f', 1), QStringLiteral("81.9"));
    }

    // Qt's own strings (the Yes/Cancel of confirmations) follow the language too: needs
    // qt6-translations-l10n, which scripts/install-deps.sh installs.
    void qtsOwnButtonsAreTranslated() {
        Localization l10n;
        l10n.load(QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Abbrechen"));
        MainWindow window;
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("Cache-Konsole"));
    }

    void simplifiedChineseStringsAppearWithLangZhCn() {
        Localization l10n;
        QVERIFY(l10n.load(QStringLiteral("zh_CN")).startsWith(QStringLiteral("zh")));
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("文件(&F)"));
    }

    void englishAndUnknownLanguagesUseTheSourceStrings() {
        Localization l10n;
        QCOMPARE(l10n.load(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(l10n.load(QStringLiteral("fr")), QStringLiteral("en"));
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
    }

    void unloadingRestoresEnglish() {
        {
            Localization l10n;
            l10n.load(QStringLiteral("de"));
        }
        MainWindow window;
        QCOMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
    }

    void everyMessageIsTranslatedInEveryLanguage_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral("cache-console_de.ts");
        QTest::newRow("zh_CN") << QStringLiteral("cache-console_zh_CN.ts");
    }
    void everyMessageIsTranslatedInEveryLanguage() {
        QFETCH(QString, file);
        QFile ts(QDir(qEnvironmentVariable("QRC_SOURCE_DIR"))
                     .filePath(QStringLiteral("translations/") + file));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        const QString text = QString::fromUtf8(ts.readAll());
        QVERIFY(!text.contains(QStringLiteral("type=\"unfinished\"")));
        QVERIFY(!text.contains(QStringLiteral("type=\"vanished\"")));
        QVERIFY(!text.contains(QStringLiteral("<translation></translation>")));
        QVERIFY(!text.contains(QStringLiteral("<numerusform></numerusform>")));
        QVERIFY(text.count(QStringLiteral("<source>")) > 100);
    }
};

QTEST_MAIN(tst_Localization)
#include "tst_localization.moc"
