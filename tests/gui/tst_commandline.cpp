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

    // On a machine without a display (a server, ssh, CI) usage must still print; QApplication
    // would abort there, so the command line is read before it exists.
    void helpAndVersionWorkWithoutADisplay() {
        for (const char *option : {"--help", "-h", "--version"}) {
            QCOMPARE(run({QString::fromLatin1(option)}, WithoutDisplay), 0);
            QVERIFY2(m_stderr.isEmpty(), m_stderr.constData());
        }
        QCOMPARE(run({QStringLiteral("--help")}, WithoutDisplay), 0);
        QVERIFY(m_stdout.contains("Usage:"));
        QVERIFY(m_stdout.contains("--url <url>"));
        QCOMPARE(run({QStringLiteral("--version")}, WithoutDisplay), 0);
        QVERIFY(m_stdout.startsWith("cache-console "));
    }

    void unknownOptionIsRefusedWithoutADisplay() {
        QCOMPARE(run({QStringLiteral("--no-such-option")}, WithoutDisplay), 2);
        QVERIFY(m_stderr.contains("no-such-option"));
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
    enum Display { Offscreen, WithoutDisplay };

    int run(const QStringList &arguments, Display display = Offscreen) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (display == Offscreen) {
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        } else {
            for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
                env.remove(QString::fromLatin1(name));
        }
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->path()); // no settings of the user
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CACHE_CONSOLE_BINARY), arguments);
        if (!process.waitForFinished(30000)) {
            process.kill();
            return -1;
        }
        m_stderr = process.readAllStandardError();
        m_stdout = process.readAllStandardOutput();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    std::unique_ptr<QTemporaryDir> m_home;
    QByteArray m_stderr;
    QByteArray m_stdout;
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
