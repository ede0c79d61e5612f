#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace qrc::bench {

// Prints "<program>: <message>" on stderr; the program is QCoreApplication's name.
void fail(const QString &message);

// QUICK=1 shortens every measurement (a smoke run; figures are noisier).
bool quickMode();

double median(QList<double> values);

// Keeps the optimiser from deleting the work being measured.
void consume(qint64 value);

// Runs `body(chunk)` until `seconds` have elapsed and returns operations per second. The clock
// is read once per chunk so that reading it does not weigh on fast operations.
template <typename Body>
double opsPerSecond(Body &&body, double seconds, int chunk = 1024) {
    QElapsedTimer timer;
    timer.start();
    const qint64 limitNs = qint64(seconds * 1e9);
    qint64 ops = 0;
    qint64 ns = 0;
    do {
        body(chunk);
        ops += chunk;
        ns = timer.nsecsElapsed();
    } while (ns < limitNs);
    return double(ops) * 1e9 / double(ns);
}

// Prints a human-readable report and, for run-all.sh, one tab-separated RESULT line per figure:
//   RESULT <suite> <name> <ours> <unit> <reference name> <reference> <ratio> <target> <status>
class Report {
public:
    explicit Report(QString suite);

    void section(const QString &title);
    void note(const QString &text);
    // ratio = ours / reference (higher is better); `minRatio` is the target when there is one.
    void ratio(const QString &name, double ours, const QString &unit, const QString &refName,
               double reference, std::optional<double> minRatio = std::nullopt);
    // ratio = reference / ours (for durations: lower is better).
    void inverseRatio(const QString &name, double ours, const QString &unit, const QString &refName,
                      double reference, std::optional<double> minRatio = std::nullopt);
    // An absolute figure with an upper bound (a latency), shown beside a same-run reference.
    void bounded(const QString &name, double ours, const QString &unit, const QString &refName,
                 double reference, std::optional<double> maxValue);

private:
    void emitRow(const QString &name, double ours, const QString &unit, const QString &refName,
                 double reference, const QString &ratioText, const QString &target,
                 const QString &status);

    QString m_suite;
};

// A private redis-server on a free loopback port (no persistence, own temp dir), or the one
// named by QRC_BENCH_REDIS_PORT when set (then it is neither started nor stopped here).
class RedisProcess {
public:
    RedisProcess() = default;
    ~RedisProcess();
    RedisProcess(const RedisProcess &) = delete;
    RedisProcess &operator=(const RedisProcess &) = delete;

    // extraArgs go to redis-server verbatim; with them the server is always a private one.
    bool start(QString *error, const QStringList &extraArgs = {});
    void stop();
    quint16 port() const { return m_port; }

    // A blocking command through hiredis' sync API; the reply flattened to text (integers in
    // decimal, nil as "(nil)", errors prefixed "ERR:"), empty on a transport failure.
    QByteArray command(const QList<QByteArray> &argv) const;

private:
    bool launch(QString *error);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArgs;
    quint16 m_port = 0;
};

quint16 freeLoopbackPort();

struct Throughput {
    double opsPerSecond = 0;
    qint64 errors = 0;
    qint64 completed = 0; // for instructions per operation under callgrind
};

// Keeps `inFlight` operations outstanding for `seconds` in a local event loop, then drains.
// `issue(done)` starts one operation and arranges for `done(ok)` to be called when it
// completes; each completion issues the next one.
Throughput keepInFlight(int inFlight, double seconds,
                        const std::function<void(std::function<void(bool)>)> &issue);

// Runs the event loop until `condition` holds or `timeoutMs` passed; returns the condition.
bool waitFor(const std::function<bool()> &condition, int timeoutMs);

// Runs redis-benchmark against `port` and returns its requests per second for `test`
// (e.g. "GET"), or nullopt when it could not run.
std::optional<double> redisBenchmark(quint16 port, const QStringList &args, const QString &test,
                                     QString *error);
// redisBenchmark()'s GET/s with `args`, appended to `into`; false (reported through fail())
// when it did not run.
bool appendRedisBenchmarkGet(quint16 port, const QStringList &args, QList<double> &into);

} // namespace qrc::bench
