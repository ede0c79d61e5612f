#pragma once

#include "cacheerror.h"

#include <QFuture>
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

} // namespace qrc
