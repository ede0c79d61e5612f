#pragma once

#include "cacheerror.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <functional>

class QTimer;

namespace qrc {

class RedisClient;

// A short lease in Redis that decides which of many instances produces a missing entry
// (getOrSet's distributed single flight): SET <key> <token> NX PX <leaseMs>. The holder
// releases it once the value is stored, and only while it still holds it (a lease that expired
// and was taken by another instance is left alone); the others wait until it is gone, polling
// with backoff, then read the value. While it holds the lease the holder renews it every third
// of the lease time (again only while the token is still its own), so a producer slower than
// the lease is not started a second time elsewhere; a holder that dies stops renewing and
// lets the lease expire.
class DistributedLease : public QObject {
    Q_OBJECT
public:
    struct Options {
        int leaseMs = 5000;
        int pollFirstMs = 2;
        int pollMaxMs = 50;
    };

    DistributedLease(RedisClient *client, Options options, QObject *parent = nullptr);

    // The token when this instance holds the lease now; empty when another instance does.
    // A lease won is renewed until it is released (or found lost, or this object is gone).
    void acquire(const QByteArray &leaseKey, std::function<void(Result<QByteArray>)> done);
    void release(const QByteArray &leaseKey, const QByteArray &token);
    // Called once the lease is gone (released or expired), or with an error.
    void waitUntilFree(const QByteArray &leaseKey, std::function<void(Result<bool>)> done);

    Options options() const { return m_options; }
    int renewIntervalMs() const { return qMax(1, m_options.leaseMs / 3); }

Q_SIGNALS:
    // A renewal found the lease no longer ours (it expired while Redis or this process
    // stalled); renewing it stops. Also logged, once per lease.
    void leaseLost(const QByteArray &leaseKey);

private:
    void poll(const QByteArray &leaseKey, int delayMs, std::function<void(Result<bool>)> done);
    void startRenewing(const QByteArray &leaseKey, const QByteArray &token);
    void stopRenewing(const QByteArray &token);
    void renew(const QByteArray &leaseKey, const QByteArray &token);

    RedisClient *m_client;
    Options m_options;
    // Leases held now, by token: the timer that renews each.
    QHash<QByteArray, QTimer *> m_renewals;
};

} // namespace qrc
