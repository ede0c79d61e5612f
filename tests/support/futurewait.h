#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>
#include <QPromise>
#include <QTest>

#include <memory>
#include <type_traits>

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

// getOrSet's answer as a future, to await it; `calls` (optional) counts how often the
// callback was called.
template <typename Cache, typename Producer>
auto getOrSetFuture(Cache *cache, const QString &key, Producer producer, qint64 ttl,
                    const QString &ns, bool forceRefresh = false, int *calls = nullptr) {
    using R = std::remove_cvref_t<decltype(producer().result())>;
    auto promise = std::make_shared<QPromise<R>>();
    promise->start();
    cache->getOrSet(
        key, producer,
        [promise, calls](const R &r) {
            if (calls)
                ++*calls;
            promise->addResult(r);
            promise->finish();
        },
        ttl, ns, forceRefresh);
    return promise->future();
}

} // namespace qrc::test
