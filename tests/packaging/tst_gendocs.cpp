#include "configloader.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The installed documentation is generated: the manual pages from each binary's --help, the
// configuration file from the setting table. These tests hold the generator to that promise.
class tst_GenDocs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void manPageDocumentsEveryOptionOfTheHelp_data() {
        QTest::addColumn<QString>("binary");
        QTest::newRow("cache-server") << QStringLiteral(QRC_CACHE_SERVER_BIN);
        if (!QStringLiteral(QRC_CACHE_CONSOLE_BIN).isEmpty())
            QTest::newRow("cache-console") << QStringLiteral(QRC_CACHE_CONSOLE_BIN);
    }

    void manPageDocumentsEveryOptionOfTheHelp() {
        QFETCH(QString, binary);
        const QByteArray help = run(binary, {QStringLiteral("--help")});
        QVERIFY(help.startsWith("Usage:"));

        const QString page = QString::fromUtf8(
            run(QStringLiteral(QRC_GENDOCS_BIN),
                {QStringLiteral("man"), binary, m_dir.filePath(QStringLiteral("p.1")),
                 QStringLiteral("9.8.7"), QStringLiteral("a summary")},
                m_dir.filePath(QStringLiteral("p.1"))));
        QVERIFY(page.startsWith(QStringLiteral(".TH ")));
        QVERIFY(page.contains(QStringLiteral("9.8.7")));
        QVERIFY(page.contains(QStringLiteral(" \\- a summary")));

        static const QRegularExpression option(QStringLiteral("--[a-z][a-z0-9-]+"));
        int options = 0;
        for (const auto &m : option.globalMatch(QString::fromUtf8(help))) {
            ++options;
            QString escaped = m.captured();
            escaped.replace(u'-', QStringLiteral("\\-"));
            QVERIFY2(page.contains(escaped), qPrintable(m.captured()));
        }
        QVERIFY(options >= 5);
        // Well-formed roff: only requests start with a dot, never text.
        static const QRegularExpression request(QStringLiteral("^\\.([A-Z]{1,2}|br)( |$)"));
        for (const QString &line : page.split(u'\n')) {
            if (line.startsWith(u'.') || line.startsWith(u'\''))
                QVERIFY2(request.match(line).hasMatch(), qPrintable(line));
        }
    }

    void iniFileIsTheSettingTablesSample() {
        const QString path = m_dir.filePath(QStringLiteral("c.ini"));
        const QByteArray ini =
            run(QStringLiteral(QRC_GENDOCS_BIN), {QStringLiteral("ini"), path}, path);
        QCOMPARE(QString::fromUtf8(ini), qrc::ConfigLoader::sampleIni());
    }

    void wrongUsageExitsWith2() {
        QProcess p;
        p.start(QStringLiteral(QRC_GENDOCS_BIN), {QStringLiteral("nonsense")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

private:
    // Runs a program; returns its standard output, or the file it wrote when `output` is set.
    QByteArray run(const QString &program, const QStringList &args, const QString &output = {}) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // --help needs no display
        p.setProcessEnvironment(env);
        p.start(program, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning() << program << args << p.readAllStandardError();
            return {};
        }
        if (output.isEmpty())
            return p.readAllStandardOutput();
        QFile file(output);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_GenDocs)
#include "tst_gendocs.moc"
