#pragma once

#include "cachebackend.h"
#include "redisclient.h"

namespace qrc {

// CacheBackend on Redis through RedisClient: GET/SET EX/UNLINK/EXISTS/PTTL/EXPIRE/SCAN, and
// describe() as one pipeline of PTTL + STRLEN + GETRANGE + TYPE + MEMORY USAGE per key.
class RedisBackend : public CacheBackend {
    Q_OBJECT
public:
    explicit RedisBackend(const RedisSettings &settings, QObject *parent = nullptr);
    ~RedisBackend() override;

    RedisClient *client() const { return m_client; }

    BackendKind kind() const override { return BackendKind::Redis; }
    void get(const QByteArray &key, Callback<std::optional<QByteArray>> done) override;
    void set(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds,
             Callback<bool> done) override;
    void remove(const QList<QByteArray> &keys, Callback<qint64> done) override;
    void exists(const QList<QByteArray> &keys, Callback<qint64> done) override;
    void ttl(const QByteArray &key, Callback<qint64> done) override;
    void expire(const QByteArray &key, qint64 seconds, Callback<bool> done) override;
    void scan(const QByteArray &cursor, const QByteArray &pattern, int count,
              Callback<ScanPage> done) override;
    void describe(const QList<QByteArray> &keys, Callback<QList<KeyInfo>> done) override;
    void collectionPage(const QByteArray &key, const QByteArray &type, const QByteArray &cursor,
                        int count, Callback<CollectionPage> done) override;
    void ping(Callback<qint64> done) override;

private:
    RedisClient *m_client;
};

} // namespace qrc
