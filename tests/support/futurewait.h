#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>
#include <QTest>

namespace qrc::test {

// Runs the event loop until the future finishes (the cache's futures are completed by
// socket events on this thread), then returns its result. Fails the test on time-out.
template <typename T>
T await(QFuture<T> future, int timeoutMs = 10000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    if (!future.isFinished()) {
        QTest::qFail("future did not finish in time", __FILE__, __LINE__);
        return T{};
    }
    if (future.isCanceled() || future.resultCount() == 0) {
        // A promise dropped without a result: a bug in the code under test, not a crash here.
        QTest::qFail("future finished without a result", __FILE__, __LINE__);
        return T{};
    }
    return future.result();
}

} // namespace qrc::test
