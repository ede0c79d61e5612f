#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The real cache-console binary, run offscreen.
class tst_CommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void embeddedServiceInGermanRunsAndGrabsTheWindow() {
        const QString shot = m_home->filePath(QStringLiteral("console.png"));
        const int code = run({QStringLiteral("--embedded"), QStringLiteral("--lang"),
                              QStringLiteral("de"), QStringLiteral("--screenshot"), shot,
                              QStringLiteral("--screenshot-delay"), QStringLiteral("2500")});
        QCOMPARE(code, 0);
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }

    void unknownLanguageIsRefused() {
        QCOMPARE(run({QStringLiteral("--lang"), QStringLiteral("xx")}), 2);
        QVERIFY(m_stderr.contains("unknown language xx"));
    }

    void unreadableTokenFileIsRefused() {
        QCOMPARE(run({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1"),
                      QStringLiteral("--token-file"), m_home->filePath(QStringLiteral("none"))}),
                 2);
        QVERIFY(m_stderr.contains("cannot read"));
    }

private:
    int run(const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->path()); // no settings of the user
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CACHE_CONSOLE_BINARY), arguments);
        if (!process.waitForFinished(30000)) {
            process.kill();
            return -1;
        }
        m_stderr = process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    std::unique_ptr<QTemporaryDir> m_home;
    QByteArray m_stderr;
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
