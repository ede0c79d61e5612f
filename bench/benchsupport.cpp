#include "benchsupport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace qrc::bench {

namespace {

std::atomic<qint64> g_sink{0};

void print(const QString &line) {
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

QString number(double value) {
    if (value >= 1000)
        return QString::number(value, 'f', 0);
    if (value >= 10)
        return QString::number(value, 'f', 1);
    return QString::number(value, 'f', 3);
}

QByteArray flatten(const redisReply *reply) {
    switch (reply->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
        return QByteArray(reply->str, qsizetype(reply->len));
    case REDIS_REPLY_ERROR:
        return "ERR:" + QByteArray(reply->str, qsizetype(reply->len));
    case REDIS_REPLY_INTEGER:
        return QByteArray::number(reply->integer);
    case REDIS_REPLY_ARRAY: {
        QList<QByteArray> parts;
        for (size_t i = 0; i < reply->elements; ++i)
            parts.append(flatten(reply->element[i]));
        return parts.join('\n');
    }
    default:
        return "(nil)";
    }
}

} // namespace

void fail(const QString &message) {
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
                 qPrintable(message));
}

bool quickMode() {
    return qEnvironmentVariableIntValue("QUICK") != 0;
}

double median(QList<double> values) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

void consume(qint64 value) {
    g_sink.fetch_add(value, std::memory_order_relaxed);
}

Report::Report(QString suite)
    : m_suite(std::move(suite)) {}

void Report::section(const QString &title) {
    print(QString());
    print(QStringLiteral("== %1: %2").arg(m_suite, title));
}

void Report::note(const QString &text) {
    print(QStringLiteral("   ") + text);
}

void Report::ratio(const QString &name, double ours, const QString &unit, const QString &refName,
                   double reference, std::optional<double> minRatio) {
    const double r = reference > 0 ? ours / reference : 0;
    emitRow(name, ours, unit, refName, reference, QString::number(r, 'f', 3),
            minRatio ? QStringLiteral(">= %1").arg(*minRatio) : QStringLiteral("-"),
            minRatio ? (r >= *minRatio ? QStringLiteral("met") : QStringLiteral("MISSED"))
                     : QStringLiteral("info"));
}

void Report::inverseRatio(const QString &name, double ours, const QString &unit,
                          const QString &refName, double reference,
                          std::optional<double> minRatio) {
    const double r = ours > 0 ? reference / ours : 0;
    emitRow(name, ours, unit, refName, reference, QString::number(r, 'f', 3),
            minRatio ? QStringLiteral(">= %1").arg(*minRatio) : QStringLiteral("-"),
            minRatio ? (r >= *minRatio ? QStringLiteral("met") : QStringLiteral("MISSED"))
                     : QStringLiteral("info"));
}

void Report::bounded(const QString &name, double ours, const QString &unit, const QString &refName,
                     double reference, std::optional<double> maxValue) {
    emitRow(name, ours, unit, refName, reference, QStringLiteral("-"),
            maxValue ? QStringLiteral("< %1 %2").arg(*maxValue).arg(unit) : QStringLiteral("-"),
            maxValue ? (ours < *maxValue ? QStringLiteral("met") : QStringLiteral("MISSED"))
                     : QStringLiteral("info"));
}

void Report::emitRow(const QString &name, double ours, const QString &unit, const QString &refName,
                     double reference, const QString &ratioText, const QString &target,
                     const QString &status) {
    print(
        QStringLiteral("   %1: %2 %3 | %4: %5 %3 | ratio %6 | target %7 | %8")
            .arg(name, number(ours), unit, refName, number(reference), ratioText, target, status));
    print(QStringList{QStringLiteral("RESULT"), m_suite, name, number(ours), unit, refName,
                      number(reference), ratioText, target, status}
              .join(QLatin1Char('\t')));
}

quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

RedisProcess::~RedisProcess() {
    stop();
}

bool RedisProcess::start(QString *error, const QStringList &extraArgs) {
    m_extraArgs = extraArgs;
    bool ok = false;
    const int shared = qEnvironmentVariableIntValue("QRC_BENCH_REDIS_PORT", &ok);
    if (ok && shared > 0 && extraArgs.isEmpty()) {
        m_port = quint16(shared);
        if (command({"PING"}) == "PONG")
            return true;
        *error = QStringLiteral("no redis-server answers on QRC_BENCH_REDIS_PORT=%1").arg(shared);
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // The port is free when probed; someone may take it before redis binds, so retry.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        if (m_port && launch(error))
            return true;
    }
    return false;
}

bool RedisProcess::launch(QString *error) {
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    const QStringList args{QStringLiteral("--port"),       QString::number(m_port),
                           QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                           QStringLiteral("--save"),       QString(),
                           QStringLiteral("--appendonly"), QStringLiteral("no"),
                           QStringLiteral("--dir"),        m_dir->path()};
    m_process->start(QStringLiteral("redis-server"), args + m_extraArgs);
    if (!m_process->waitForStarted(5000)) {
        *error = QStringLiteral("cannot start redis-server: ") + m_process->errorString();
        m_process.reset();
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 5000) {
        if (m_process->state() != QProcess::Running) {
            *error = QStringLiteral("redis-server exited at start (port %1 taken?)").arg(m_port);
            m_process.reset();
            return false;
        }
        if (command({"PING"}) == "PONG")
            return true;
        QThread::msleep(20);
    }
    *error = QStringLiteral("redis-server did not answer PING within 5 s");
    stop();
    return false;
}

void RedisProcess::stop() {
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    m_process.reset();
}

QByteArray RedisProcess::command(const QList<QByteArray> &argv) const {
    const timeval connectTimeout{1, 0};
    redisContext *c = redisConnectWithTimeout("127.0.0.1", m_port, connectTimeout);
    if (!c || c->err) {
        if (c)
            redisFree(c);
        return {};
    }
    const timeval ioTimeout{10, 0};
    redisSetTimeout(c, ioTimeout);
    QList<const char *> ptrs;
    QList<size_t> lens;
    for (const QByteArray &a : argv) {
        ptrs.append(a.constData());
        lens.append(size_t(a.size()));
    }
    auto *reply =
        static_cast<redisReply *>(redisCommandArgv(c, int(argv.size()), ptrs.data(), lens.data()));
    QByteArray out;
    if (reply) {
        out = flatten(reply);
        freeReplyObject(reply);
    }
    redisFree(c);
    return out;
}

Throughput keepInFlight(int inFlight, double seconds,
                        const std::function<void(std::function<void(bool)>)> &issue) {
    QEventLoop loop;
    QElapsedTimer timer;
    qint64 completed = 0;
    qint64 errors = 0;
    int outstanding = 0;
    bool stopping = false;
    std::function<void()> start;
    start = [&] {
        ++outstanding;
        issue([&](bool ok) {
            --outstanding;
            ++completed;
            errors += ok ? 0 : 1;
            if (!stopping)
                start();
            else if (outstanding == 0)
                loop.quit();
        });
    };
    timer.start();
    for (int i = 0; i < inFlight; ++i)
        start();
    QTimer::singleShot(int(seconds * 1000), &loop, [&] {
        stopping = true;
        if (outstanding == 0)
            loop.quit();
    });
    loop.exec();
    return {double(completed) * 1e9 / double(timer.nsecsElapsed()), errors, completed};
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!condition() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return condition();
}

bool appendRedisBenchmarkGet(quint16 port, const QStringList &args, QList<double> &into) {
    QString error;
    const std::optional<double> got = redisBenchmark(port, args, QStringLiteral("GET"), &error);
    if (!got) {
        fail(error);
        return false;
    }
    into.append(*got);
    return true;
}

std::optional<double> redisBenchmark(quint16 port, const QStringList &args, const QString &test,
                                     QString *error) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("redis-benchmark"),
            QStringList{QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                        QString::number(port), QStringLiteral("--csv")} +
                args);
    if (!p.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start redis-benchmark: ") + p.errorString();
        return std::nullopt;
    }
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished(2000);
        *error = QStringLiteral("redis-benchmark did not finish");
        return std::nullopt;
    }
    // --csv prints a header and one line per test: "GET","123456.78",...
    const QString out = QString::fromUtf8(p.readAll());
    const QRegularExpression row(
        QStringLiteral("^\"%1\",\"([0-9.]+)\"").arg(QRegularExpression::escape(test)),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = row.match(out);
    if (!m.hasMatch()) {
        *error = QStringLiteral("unexpected redis-benchmark output: ") + out.left(300);
        return std::nullopt;
    }
    return m.captured(1).toDouble();
}

} // namespace qrc::bench
