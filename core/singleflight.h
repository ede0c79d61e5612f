#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

#include <functional>

namespace qrc {

// Callers that ask for the same work while it runs share it: the first one starts it, every
// one gets its result. Used by getOrSet, so that concurrent misses of one key call the
// producer once.
template <typename R>
class SingleFlight {
public:
    using Callback = std::function<void(const R &)>;

    bool running(const QByteArray &key) const { return m_waiting.contains(key); }

    // true when the caller is the first: it starts the work and calls finish() when done.
    bool join(const QByteArray &key, Callback done) {
        QList<Callback> &waiters = m_waiting[key];
        waiters.append(std::move(done));
        return waiters.size() == 1;
    }

    void finish(const QByteArray &key, const R &result) {
        const QList<Callback> waiters = m_waiting.take(key);
        for (const Callback &w : waiters)
            w(result);
    }

private:
    QHash<QByteArray, QList<Callback>> m_waiting;
};

} // namespace qrc
