// cache-server's log output: levels and the size-rotated log file.
#include "serverlog.h"
#include "settings.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QtTest>

Q_LOGGING_CATEGORY(lcTest, "qrc.test")

class TestServerLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fileIsRotatedBySizeKeepingThreeOldFiles();
    void levelBelowTheChosenOneIsNotWritten();

private:
    QTemporaryDir m_dir;
};

void TestServerLog::fileIsRotatedBySizeKeepingThreeOldFiles() {
    QVERIFY(m_dir.isValid());
    qrc::AppSettings app;
    app.logToFile = true;
    app.logFile = m_dir.filePath("rotate.log");
    QString error;
    QVERIFY2(qrc::ServerLog::install(app, &error, 4096), qPrintable(error));
    const QString filler(200, QLatin1Char('x'));
    for (int i = 0; i < 150; ++i) // ~36 KiB: several rotations
        qCInfo(lcTest).noquote() << "line" << i << filler;
    qCInfo(lcTest) << "last line";
    QVERIFY(QFile::exists(app.logFile));
    QVERIFY(QFile::exists(app.logFile + ".1"));
    QVERIFY(QFile::exists(app.logFile + ".2"));
    QVERIFY(QFile::exists(app.logFile + ".3"));
    QVERIFY(!QFile::exists(app.logFile + ".4"));
    QVERIFY(QFileInfo(app.logFile).size() < 4096 + 512);
    QFile current(app.logFile);
    QVERIFY(current.open(QIODevice::ReadOnly));
    const QByteArray text = current.readAll();
    QVERIFY(text.contains("info qrc.test: last line"));
    QFile older(app.logFile + ".1");
    QVERIFY(older.open(QIODevice::ReadOnly));
    QVERIFY(older.readAll().contains("line 1"));
}

void TestServerLog::levelBelowTheChosenOneIsNotWritten() {
    qrc::AppSettings app;
    app.logToFile = true;
    app.logFile = m_dir.filePath("levels.log");
    app.logLevel = QStringLiteral("warning");
    QVERIFY(qrc::ServerLog::install(app));
    qCInfo(lcTest) << "hidden info";
    qCWarning(lcTest) << "shown warning";
    QFile file(app.logFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("warning qrc.test: shown warning"));
    QVERIFY(!text.contains("hidden info"));
}

QTEST_GUILESS_MAIN(TestServerLog)
#include "tst_serverlog.moc"
