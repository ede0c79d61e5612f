// Build-time tool (not installed). It writes
//   - a manual page from a program's own --help output, so that the page lists exactly the
//     options the binary accepts and can never drift from it (cache-server and cache-console
//     print their help from their option tables);
//   - cache-server's commented configuration file from core's setting table.
//
// Usage: qrc-gendocs man <program binary> <out.1> <version> <one-line summary>
//        qrc-gendocs ini <out.ini>

#include "configloader.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

#include <cstdio>

namespace {

bool write(const QString &path, const QString &text) {
    QFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size())
        return true;
    std::fprintf(stderr, "qrc-gendocs: cannot write %s: %s\n", qPrintable(path),
                 qPrintable(file.errorString()));
    return false;
}

// roff: a backslash is written \e, a hyphen \- (so that options can be searched and copied),
// and a line must not start with a dot or a quote (that would be a request).
QString roff(QString text) {
    text.replace(u'\\', QStringLiteral("\\e")).replace(u'-', QStringLiteral("\\-"));
    if (text.startsWith(u'.') || text.startsWith(u'\''))
        text.prepend(QStringLiteral("\\&"));
    return text;
}

// Both programs print help in the layout of QCommandLineParser: "Usage: ..." first, free text,
// then headings ending in ':' and entries "  --option <value>   description", with longer
// descriptions continued on lines indented to the description column.
QString manPage(const QString &program, const QString &version, const QString &summary,
                const QString &help) {
    QString page = QStringLiteral(".TH %1 1 \"\" \"%2 %3\" \"User Commands\"\n")
                       .arg(program.toUpper(), program, version);
    page += QStringLiteral(".SH NAME\n%1 \\- %2\n").arg(roff(program), roff(summary));
    page += QStringLiteral(".SH SYNOPSIS\n.B %1\n[\\fIoptions\\fR]\n").arg(roff(program));

    static const QRegularExpression entry(QStringLiteral("^  (-\\S.*?)(?:\\s{2,}(\\S.*))?$"));
    static const QRegularExpression continuation(QStringLiteral("^\\s{3,}(\\S.*)$"));
    bool inOptions = false;
    bool description = false;
    for (const QString &line : help.split(u'\n')) {
        if (line.startsWith(QStringLiteral("Usage:")))
            continue;
        if (!line.startsWith(u' ') && line.endsWith(u':')) {
            if (!inOptions)
                page += QStringLiteral(".SH OPTIONS\n");
            inOptions = true;
            page += QStringLiteral(".SS %1\n").arg(roff(line.chopped(1)));
            continue;
        }
        if (!inOptions) {
            if (line.trimmed().isEmpty()) {
                if (description)
                    page += QStringLiteral(".PP\n");
                continue;
            }
            if (!description)
                page += QStringLiteral(".SH DESCRIPTION\n");
            description = true;
            page += roff(line.trimmed()) + u'\n';
            continue;
        }
        if (const auto m = entry.match(line); m.hasMatch()) {
            page += QStringLiteral(".TP\n.B %1\n").arg(roff(m.captured(1).trimmed()));
            if (!m.captured(2).isEmpty())
                page += roff(m.captured(2)) + u'\n';
        } else if (const auto c = continuation.match(line); c.hasMatch()) {
            page += roff(c.captured(1)) + u'\n';
        }
    }
    page += QStringLiteral(".SH EXIT STATUS\n0 on success, 1 on a run-time failure, 2 for an "
                           "invalid option or setting (one line on standard error names it).\n");
    page += program == u"cache-server"
                ? QStringLiteral(".SH FILES\n.TP\n.I /etc/qt\\-redis\\-cache/cache\\-server.ini\n"
                                 "The configuration read by the systemd unit: every setting, "
                                 "commented out with its default.\n.SH SEE ALSO\n"
                                 ".BR cache\\-console (1)\n")
                : QStringLiteral(".SH SEE ALSO\n.BR cache\\-server (1)\n");
    return page;
}

int usage() {
    std::fprintf(stderr, "usage: qrc-gendocs man <binary> <out.1> <version> <summary>\n"
                         "       qrc-gendocs ini <out.ini>\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[]) {
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.size() == 2 && args[0] == u"ini")
        return write(args[1], qrc::ConfigLoader::sampleIni()) ? 0 : 1;
    if (args.size() != 5 || args[0] != u"man")
        return usage();

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // --help must not need one
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(args[1], {QStringLiteral("--help")});
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        std::fprintf(stderr, "qrc-gendocs: %s --help failed: %s\n", qPrintable(args[1]),
                     process.readAllStandardError().constData());
        return 1;
    }
    const QString program = QFileInfo(args[1]).fileName();
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    return write(args[2], manPage(program, args[3], args[4], help)) ? 0 : 1;
}
