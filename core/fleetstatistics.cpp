#include "fleetstatistics.h"

#include "cachemanager.h"
#include "keyspace.h"
#include "pending.h"
#include "redisclient.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>

#include <memory>

namespace qrc {

namespace {

constexpr int ScanCount = 500;

struct Collection {
    Pending<Result<FleetStatistics::Snapshot>> pending;
    FleetStatistics::Snapshot snapshot;
    QList<QByteArray> keys;
};

} // namespace

FleetStatistics::FleetStatistics(CacheManager *cache)
    : QObject(cache)
    , m_cache(cache)
    // Host and process for a reader of the keys; the random part keeps two managers of one
    // process (tests, a library user) apart.
    , m_id(QStringLiteral("%1-%2-%3")
               .arg(QHostInfo::localHostName())
               .arg(QCoreApplication::applicationPid())
               .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0')))
    , m_keyPrefix(cache->keyspace().prefix() + ".instances:")
    , m_key(m_keyPrefix + m_id.toUtf8()) {
    connect(&m_timer, &QTimer::timeout, this, &FleetStatistics::publish);
    m_timer.start(PublishIntervalMs);
}

void FleetStatistics::publish() {
    RedisClient *client = m_cache->redisClient();
    if (!client || client->state() != RedisClient::State::Connected)
        return;
    const QByteArray json =
        QJsonDocument(m_cache->statistics().toJson()).toJson(QJsonDocument::Compact);
    client->execute({"SET", m_key, json, "PX", QByteArray::number(TtlMs)},
                    [](Result<RedisReply>) {});
}

QFuture<Result<FleetStatistics::Snapshot>> FleetStatistics::collect() {
    auto c = std::make_shared<Collection>();
    // This instance counts with its counters of now, not those it published up to 1 s ago.
    c->snapshot.sum = m_cache->statistics();
    c->snapshot.instances = {m_id};
    RedisClient *client = m_cache->redisClient();
    if (!client || client->state() != RedisClient::State::Connected) {
        c->snapshot.complete = false;
        c->pending.finish(Result<Snapshot>::success(c->snapshot));
        return c->pending.future();
    }
    const QByteArray pattern = Keyspace::escapeGlob(m_keyPrefix) + '*';
    const QByteArray own = m_key;
    const qsizetype idAt = m_keyPrefix.size();
    QPointer<FleetStatistics> guard(this);
    auto fail = [c](const CacheError &e) { c->pending.finish(Result<Snapshot>::failure(e)); };
    // The GETs of all the keys found, in one pipeline.
    auto fetch = [guard, client, c, own, idAt, fail] {
        if (!guard)
            return fail(CacheError::connection(QStringLiteral("cache manager destroyed")));
        QList<QList<QByteArray>> gets;
        for (const QByteArray &k : std::as_const(c->keys))
            if (k != own)
                gets.append({"GET", k});
        if (gets.isEmpty())
            return c->pending.finish(Result<Snapshot>::success(c->snapshot));
        client->executePipeline(gets, [c, gets, idAt, fail](Result<QList<RedisReply>> replies) {
            if (!replies.ok())
                return fail(replies.error);
            for (qsizetype i = 0; i < replies.value.size(); ++i) {
                const RedisReply &r = replies.value.at(i);
                if (r.type != RedisReply::Type::String)
                    continue; // expired between SCAN and GET
                const QJsonObject json = QJsonDocument::fromJson(r.string).object();
                if (json.isEmpty())
                    continue;
                c->snapshot.sum.add(StatisticsSnapshot::fromJson(json));
                c->snapshot.instances.append(QString::fromUtf8(gets.at(i).at(1).mid(idAt)));
            }
            c->pending.finish(Result<Snapshot>::success(c->snapshot));
        });
    };
    // The step holds itself only weakly; the command in flight holds it strongly.
    auto scan = std::make_shared<std::function<void(QByteArray)>>();
    *scan = [client, c, pattern, fail, fetch,
             weak = std::weak_ptr(scan)](const QByteArray &cursor) {
        client->execute({"SCAN", cursor, "MATCH", pattern, "COUNT", QByteArray::number(ScanCount)},
                        [c, fail, fetch, scan = weak.lock()](Result<RedisReply> r) {
                            if (!r.ok())
                                return fail(r.error);
                            if (r.value.isError() || r.value.elements.size() != 2)
                                return fail(
                                    CacheError::protocol(QStringLiteral("unexpected SCAN reply: ") +
                                                         QString::fromUtf8(r.value.string)));
                            for (const RedisReply &k : r.value.elements.at(1).elements)
                                c->keys.append(k.string);
                            const QByteArray next = r.value.elements.at(0).string;
                            if (next == "0")
                                fetch();
                            else
                                (*scan)(next);
                        });
    };
    (*scan)("0");
    return c->pending.future();
}

} // namespace qrc
