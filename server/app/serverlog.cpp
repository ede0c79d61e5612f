#include "serverlog.h"

#include "settings.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QScopedValueRollback>

#include <cstdio>

namespace qrc::ServerLog {

namespace {

struct State {
    QMutex mutex;
    QFile file;
    QString path;
    bool toFile = false;
    qint64 maxFileBytes = MaxFileBytes;
};

State &state() {
    static State s;
    return s;
}

void rotate(State &s) {
    s.file.close();
    QFile::remove(s.path + QStringLiteral(".%1").arg(KeptFiles));
    for (int i = KeptFiles - 1; i >= 1; --i)
        QFile::rename(s.path + QStringLiteral(".%1").arg(i),
                      s.path + QStringLiteral(".%1").arg(i + 1));
    QFile::rename(s.path, s.path + QStringLiteral(".1"));
    s.file.setFileName(s.path);
    s.toFile = s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

const char *levelName(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() +
                            ' ' + levelName(type) + ' ' +
                            (context.category ? context.category : "default") + ": " +
                            message.toUtf8() + '\n';
    // A message raised while a message is being written (QFile warnings during rotation) goes
    // to stderr only: taking the lock again would deadlock.
    static thread_local bool writing = false;
    if (writing) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        return;
    }
    const QScopedValueRollback<bool> guard(writing, true);
    State &s = state();
    QMutexLocker lock(&s.mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    if (s.toFile) {
        s.file.write(line);
        s.file.flush();
        if (s.file.size() >= s.maxFileBytes)
            rotate(s);
    }
}

} // namespace

bool install(const AppSettings &settings, QString *error, qint64 maxFileBytes) {
    QString rules;
    const QString level = settings.debug ? QStringLiteral("debug") : settings.logLevel.toLower();
    // Levels below the chosen one are switched off for every category.
    if (level != QLatin1String("debug"))
        rules += QStringLiteral("*.debug=false\n");
    if (level == QLatin1String("warning") || level == QLatin1String("error"))
        rules += QStringLiteral("*.info=false\n");
    if (level == QLatin1String("error"))
        rules += QStringLiteral("*.warning=false\n");
    if (level == QLatin1String("debug"))
        rules += QStringLiteral("qrc.*.debug=true\nqt.*.debug=false\n");
    QLoggingCategory::setFilterRules(rules);

    State &s = state();
    bool ok = true;
    QMutexLocker lock(&s.mutex);
    s.file.close();
    s.toFile = false;
    if (settings.logToFile) {
        s.path = settings.logFile;
        s.maxFileBytes = qMax<qint64>(1024, maxFileBytes);
        s.file.setFileName(s.path);
        s.toFile = s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
        if (!s.toFile) {
            ok = false;
            if (error)
                *error =
                    QStringLiteral("cannot open log file %1: %2").arg(s.path, s.file.errorString());
        }
    }
    lock.unlock();
    qInstallMessageHandler(handler);
    return ok;
}

} // namespace qrc::ServerLog
