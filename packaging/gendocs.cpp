// Build-time tool: writes cache-server's manual page and its commented configuration file from
// core's setting table, the same table that --help and the loader use, so the installed
// documentation cannot drift from the binary. Not installed.
//
// Usage: qrc-gendocs <cache-server.1> <cache-server.ini> <version>

#include "configloader.h"

#include <QFile>
#include <QString>

#include <cstdio>

namespace {

bool write(const char *path, const QString &text) {
    QFile file(QString::fromLocal8Bit(path));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
        file.write(text.toUtf8()) == text.toUtf8().size())
        return true;
    std::fprintf(stderr, "qrc-gendocs: cannot write %s: %s\n", path,
                 qPrintable(file.errorString()));
    return false;
}

} // namespace

int main(int argc, char *argv[]) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: qrc-gendocs <man page> <ini file> <version>\n");
        return 2;
    }
    const QString version = QString::fromLocal8Bit(argv[3]);
    const bool ok =
        write(argv[1], qrc::ConfigLoader::manPage(QStringLiteral("cache-server"), version)) &&
        write(argv[2], qrc::ConfigLoader::sampleIni());
    return ok ? 0 : 1;
}
