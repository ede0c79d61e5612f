#include "sharedreads.h"

namespace qrc {

SharedReads::SharedReads(int deadlineMs)
    : m_deadlineMs(deadlineMs) {
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_deadlineTimer, &QTimer::timeout, &m_deadlineTimer,
                     [this] { expireLateReads(); });
    m_clock.start();
}

void SharedReads::read(const QByteArray &full, bool watchDeadline, const Send &send,
                       Callback done) {
    if (const auto it = m_inFlight.constFind(full); it != m_inFlight.cend()) {
        (*it)->append(std::move(done));
        return;
    }
    auto waiters = std::make_shared<QList<Callback>>();
    waiters->append(std::move(done));
    m_inFlight.insert(full, waiters);
    if (watchDeadline && m_deadlineMs > 0) {
        m_due.push_back({m_clock.elapsed() + m_deadlineMs, full, waiters});
        if (!m_deadlineTimer.isActive())
            m_deadlineTimer.start(m_deadlineMs);
    }
    // The backend may answer before send() returns; `this` outlives it (the manager fails
    // what is pending before destroying its parts).
    send([this, full, waiters](Result<std::optional<QByteArray>> r) {
        release(full, waiters);
        const QList<Callback> callers = std::exchange(*waiters, {});
        for (const Callback &caller : callers)
            caller(r);
    });
}

// Detached meanwhile by a write (see detachAll), a newer read may own the slot.
void SharedReads::release(const QByteArray &full, const Waiters &waiters) {
    if (const auto it = m_inFlight.constFind(full); it != m_inFlight.cend() && *it == waiters)
        m_inFlight.erase(it);
}

void SharedReads::expireLateReads() {
    const qint64 now = m_clock.elapsed();
    while (!m_due.empty() && m_due.front().dueMs <= now) {
        const DueRead late = std::move(m_due.front());
        m_due.pop_front();
        if (late.waiters->isEmpty())
            continue; // answered in time
        release(late.full, late.waiters);
        const Reply timedOut = Reply::failure(CacheError::timeout(
            QStringLiteral("Redis read exceeded the %1 ms read deadline; answered as a miss")
                .arg(m_deadlineMs)));
        const QList<Callback> callers = std::exchange(*late.waiters, {});
        for (const Callback &caller : callers)
            caller(timedOut);
    }
    if (!m_due.empty())
        m_deadlineTimer.start(int(qMax<qint64>(0, m_due.front().dueMs - now)));
}

} // namespace qrc
