#include "distributedlease.h"

#include "redisclient.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcCache)

namespace qrc {

namespace {
// Deletes the lease only while it is still ours.
const QByteArray ReleaseScript = QByteArrayLiteral(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end "
    "return 0");

// Extends the lease only while it is still ours: 1 when extended, 0 when lost.
const QByteArray RenewScript = QByteArrayLiteral(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], "
    "ARGV[2]) end return 0");

CacheError unexpected(const RedisReply &r) {
    return CacheError::protocol(QStringLiteral("unexpected reply to a lease command: ") +
                                QString::fromUtf8(r.string));
}
} // namespace

DistributedLease::DistributedLease(RedisClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options) {}

void DistributedLease::acquire(const QByteArray &leaseKey,
                               std::function<void(Result<QByteArray>)> done) {
    quint64 random[2];
    QRandomGenerator::global()->fillRange(random);
    const QByteArray token =
        QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
    QPointer<DistributedLease> guard(this);
    m_client->execute({"SET", leaseKey, token, "NX", "PX", QByteArray::number(m_options.leaseMs)},
                      [this, guard, leaseKey, token, done = std::move(done)](Result<RedisReply> r) {
                          using R = Result<QByteArray>;
                          if (!r.ok())
                              return done(R::failure(r.error));
                          if (r.value.isError())
                              return done(R::failure(unexpected(r.value)));
                          if (r.value.isNil())
                              return done(R::success(QByteArray()));
                          if (guard)
                              startRenewing(leaseKey, token);
                          done(R::success(token));
                      });
}

void DistributedLease::release(const QByteArray &leaseKey, const QByteArray &token) {
    stopRenewing(token);
    m_client->execute({"EVAL", ReleaseScript, "1", leaseKey, token}, [](Result<RedisReply>) {});
}

void DistributedLease::startRenewing(const QByteArray &leaseKey, const QByteArray &token) {
    auto *timer = new QTimer(this);
    timer->setInterval(renewIntervalMs());
    connect(timer, &QTimer::timeout, this, [this, leaseKey, token] { renew(leaseKey, token); });
    m_renewals.insert(token, timer);
    timer->start();
}

void DistributedLease::stopRenewing(const QByteArray &token) {
    if (QTimer *timer = m_renewals.take(token))
        timer->deleteLater();
}

void DistributedLease::renew(const QByteArray &leaseKey, const QByteArray &token) {
    QPointer<DistributedLease> guard(this);
    m_client->execute(
        {"EVAL", RenewScript, "1", leaseKey, token, QByteArray::number(m_options.leaseMs)},
        [this, guard, leaseKey, token](Result<RedisReply> r) {
            // A failed renewal is tried again at the next tick: the lease outlives two of them.
            if (!guard || !r.ok() || r.value.type != RedisReply::Type::Integer ||
                r.value.integer != 0 || !m_renewals.contains(token))
                return;
            // Lost (it expired while Redis or this process stalled, and may be another's now):
            // the producer carries on and its value is still written; only the renewing stops.
            stopRenewing(token);
            qCWarning(lcCache).noquote()
                << "single-flight lease lost while producing; another instance may produce too:"
                << QString::fromUtf8(leaseKey);
            Q_EMIT leaseLost(leaseKey);
        });
}

void DistributedLease::waitUntilFree(const QByteArray &leaseKey,
                                     std::function<void(Result<bool>)> done) {
    poll(leaseKey, m_options.pollFirstMs, std::move(done));
}

void DistributedLease::poll(const QByteArray &leaseKey, int delayMs,
                            std::function<void(Result<bool>)> done) {
    QTimer::singleShot(delayMs, this, [this, leaseKey, delayMs, done = std::move(done)]() mutable {
        QPointer<DistributedLease> guard(this);
        m_client->execute(
            {"EXISTS", leaseKey},
            [this, guard, leaseKey, delayMs, done = std::move(done)](Result<RedisReply> r) mutable {
                if (!r.ok())
                    return done(Result<bool>::failure(r.error));
                if (r.value.type != RedisReply::Type::Integer)
                    return done(Result<bool>::failure(unexpected(r.value)));
                if (r.value.integer == 0)
                    return done(Result<bool>::success(true));
                if (guard)
                    poll(leaseKey, qMin(delayMs * 2, m_options.pollMaxMs), std::move(done));
            });
    });
}

} // namespace qrc
