#pragma once

#include "cachebackend.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace qrc {

// Reads of one key share a backend read while it is in flight (single flight): a read that
// finds a GET for its key already sent waits for that reply instead of sending its own, so a
// hot key costs Redis one GET per event-loop pass, not one per request. Every caller gets the
// reply, and is counted by the manager as a read of its own.
//
// And the read deadline: a read the backend has not answered within `deadlineMs` is answered
// with a Timeout error; its reply, when it comes, finds no one waiting. Every read waits the
// same time, so reads fall due in the order they were sent: one timer and a FIFO serve them
// all, instead of a timer per read on the hot path.
class SharedReads {
public:
    using Reply = Result<std::optional<QByteArray>>;
    using Callback = std::function<void(const Reply &)>;
    using Send = std::function<void(CacheBackend::Callback<std::optional<QByteArray>>)>;

    // deadlineMs <= 0: no deadline.
    explicit SharedReads(int deadlineMs);

    // Joins the read of `full` in flight, or sends one with `send`. `watchDeadline` is false
    // for a backend that answers before `send` returns (memory).
    void read(const QByteArray &full, bool watchDeadline, const Send &send, Callback done);

    // Called by every write as it is sent and as it completes. Readers already waiting keep
    // the reply of the read sent before (what they would have got without sharing); later
    // readers send their own read. A reader arriving after the write has completed therefore
    // never joins a read sent before it finished, and sees the write (as without sharing).
    void detachAll() {
        if (!m_inFlight.isEmpty())
            m_inFlight.clear();
    }

private:
    using Waiters = std::shared_ptr<QList<Callback>>;
    struct DueRead {
        qint64 dueMs;
        QByteArray full;
        Waiters waiters;
    };

    void release(const QByteArray &full, const Waiters &waiters);
    void expireLateReads();

    const int m_deadlineMs;
    QHash<QByteArray, Waiters> m_inFlight;
    std::deque<DueRead> m_due;
    QTimer m_deadlineTimer;
    QElapsedTimer m_clock;
};

} // namespace qrc
