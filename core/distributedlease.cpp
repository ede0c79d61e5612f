#include "distributedlease.h"

#include "redisclient.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace qrc {

namespace {
// Deletes the lease only while it is still ours.
const QByteArray ReleaseScript = QByteArrayLiteral(
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end "
    "return 0");

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
    m_client->execute({"SET", leaseKey, token, "NX", "PX", QByteArray::number(m_options.leaseMs)},
                      [token, done = std::move(done)](Result<RedisReply> r) {
                          using R = Result<QByteArray>;
                          if (!r.ok())
                              return done(R::failure(r.error));
                          if (r.value.isError())
                              return done(R::failure(unexpected(r.value)));
                          done(R::success(r.value.isNil() ? QByteArray() : token));
                      });
}

void DistributedLease::release(const QByteArray &leaseKey, const QByteArray &token) {
    m_client->execute({"EVAL", ReleaseScript, "1", leaseKey, token}, [](Result<RedisReply>) {});
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
