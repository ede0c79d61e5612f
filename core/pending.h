#pragma once

#include "cacheerror.h"

#include <QFuture>
#include <QMetaObject>
#include <QPointer>
#include <QPromise>

#include <memory>

namespace qrc {

// A promise shared by the callbacks that complete it.
template <typename T>
class Pending {
public:
    Pending()
        : m_promise(std::make_shared<QPromise<T>>()) {
        m_promise->start();
    }
    QFuture<T> future() const { return m_promise->future(); }
    void finish(T value) const {
        m_promise->addResult(std::move(value));
        m_promise->finish();
    }

private:
    std::shared_ptr<QPromise<T>> m_promise;
};

template <typename T>
QFuture<Result<T>> ready(Result<T> r) {
    return QtFuture::makeReadyFuture(std::move(r));
}

template <typename T>
QFuture<Result<T>> failed(CacheError e) {
    return ready(Result<T>::failure(std::move(e)));
}

// Calls `f` with the future's result: now when it is finished, else on `context`'s thread once it
// is. Nothing is called if `context` is gone by then (its owner was destroyed while the work
// was pending). Not QFuture::then(context, f): Qt 6.4 asserts (debug builds) or drops the call
// with a warning when the context dies first.
template <typename T, typename F>
void whenDone(QObject *context, QFuture<T> future, F f) {
    if (future.isFinished()) {
        f(future.result());
        return;
    }
    (void)future.then(QtFuture::Launch::Sync, [guard = QPointer<QObject>(context),
                                               f = std::move(f)](const QFuture<T> &done) mutable {
        if (!guard)
            return;
        QMetaObject::invokeMethod(guard.data(),
                                  [f = std::move(f), r = done.result()]() mutable { f(r); });
    });
}

} // namespace qrc
