#include "cachemanager.h"

#include "bulkdelete.h"
#include "decodedmemo.h"
#include "distributedlease.h"
#include "failover.h"
#include "fleetstatistics.h"
#include "keybrowser.h"
#include "keyspace.h"
#include "memorybackend.h"
#include "nearcache.h"
#include "pending.h"
#include "redisbackend.h"
#include "sharedreads.h"
#include "singleflight.h"
#include "valuecodec.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcCache, "qrc.cache")

namespace qrc {

// The manager's own part: validation, TTLs, statistics, and getOrSet's producer calls. The
// other responsibilities live in their own classes: Failover (which backend, the outage
// journal), SharedReads (reads in flight, the read deadline), DecodedMemo, KeyBrowser,
// NearCache (CACHE_NEAR_CACHE), DistributedLease (CACHE_SINGLE_FLIGHT=distributed) and
// FleetStatistics (scope=all).
class CacheManager::Impl {
public:
    explicit Impl(CacheManager *q)
        : q(q)
        , keyspace(q->m_settings.cache.namespacePrefix)
        , codec{q->m_settings.cache.compressionEnabled, q->m_settings.cache.compressionThreshold,
                ValueCodec::wireFormatFromName(q->m_settings.cache.wireFormat)
                    .value_or(ValueCodec::WireFormat::Native)}
        , failover(keyspace, q->m_memory, q->m_redis)
        , reads(q->m_settings.cache.readDeadlineMs) {
        statsTimer.setSingleShot(true);
        statsTimer.setInterval(200);
        QObject::connect(&statsTimer, &QTimer::timeout, q, &CacheManager::statisticsChanged);
        QObject::connect(&failover, &Failover::activeChanged, q, &CacheManager::backendChanged);
        QObject::connect(&failover, &Failover::outage, q,
                         [this](const CacheError &why) { reportError(why); });
    }

    using Lookup = Result<std::optional<CacheValue>>;

    CacheManager *q;
    Keyspace keyspace;
    ValueCodec::Options codec;
    QTimer statsTimer;
    Failover failover;
    SharedReads reads;
    DecodedMemo memo;
    SingleFlight<Result<CacheValue>> producing;

    template <typename T>
    void run(std::function<void(CacheBackend *, CacheBackend::Callback<T>)> op,
             CacheBackend::Callback<T> done) {
        failover.run<T>(std::move(op), std::move(done));
    }

    bool statsOn() const { return q->m_settings.cache.statisticsEnabled; }
    void statsChanged() {
        if (!statsTimer.isActive())
            statsTimer.start();
    }

    void reportError(const CacheError &e) {
        if (statsOn()) {
            q->m_stats.recordError();
            statsChanged();
        }
        Q_EMIT q->errorOccurred(e);
    }

    // Completes a remove or clear: counts the deleted keys for the namespace, or the error.
    CacheBackend::Callback<qint64> finishDeletes(Pending<Result<qint64>> pending, QString ns) {
        return [this, pending, ns](Result<qint64> r) {
            reads.detachAll();
            if (r.ok() && statsOn()) {
                q->m_stats.recordDeletes(ns, r.value);
                statsChanged();
            } else if (!r.ok()) {
                reportError(r.error);
            }
            pending.finish(std::move(r));
        };
    }

    Result<qint64> resolveTtl(std::optional<qint64> ttl) const {
        const CacheSettings &c = q->m_settings.cache;
        if (!ttl)
            return Result<qint64>::success(qMin<qint64>(c.defaultTtl, c.maxTtl));
        if (*ttl < 1)
            return Result<qint64>::failure(CacheError::validation(
                QStringLiteral("ttl must be at least 1 second (got %1)").arg(*ttl)));
        return Result<qint64>::success(qMin<qint64>(*ttl, c.maxTtl));
    }

    CacheError validate(const QString &key, const QString &ns) const {
        CacheError e = Keyspace::validateNamespace(ns);
        return e.isError() ? e : Keyspace::validateKey(key);
    }

    CacheError validateKeys(const QStringList &keys, const QString &ns) const {
        CacheError e = Keyspace::validateNamespace(ns);
        if (e.isError())
            return e;
        if (keys.isEmpty())
            return CacheError::validation(QStringLiteral("no keys given"));
        for (const QString &k : keys) {
            e = Keyspace::validateKey(k);
            if (e.isError())
                return e;
        }
        return {};
    }

    // Turns raw stored bytes into a lookup result, counting hit / miss / corrupt entry.
    Lookup decodeLookup(const QByteArray &full, const QByteArray *raw, const QString &ns) {
        if (!raw) {
            if (statsOn()) {
                q->m_stats.recordMiss(ns);
                statsChanged();
            }
            return Lookup::success(std::nullopt);
        }
        Result<CacheValue> decoded = memo.decode(full, *raw);
        if (!decoded.ok()) {
            // A corrupt entry is an error for that entry only: counted, logged, and a miss.
            qCWarning(lcCache).noquote()
                << "corrupt entry in namespace" << ns << ":" << decoded.error.message;
            reportError(decoded.error);
            if (statsOn())
                q->m_stats.recordMiss(ns);
            return Lookup::success(std::nullopt);
        }
        if (statsOn()) {
            q->m_stats.recordHit(ns, raw->size());
            statsChanged();
        }
        return Lookup::success(std::move(decoded.value));
    }

    // The near cache (CACHE_NEAR_CACHE), consulted only while Redis is in use. This process'
    // own writes drop their keys as they are sent and again as they complete, so that a read
    // racing the write cannot leave the old value behind (Redis' message comes later).
    const QByteArray *nearFind(const QByteArray &full) const {
        return q->m_near ? q->m_near->find(full) : nullptr;
    }
    void nearForget(const QList<QByteArray> &keys) {
        if (q->m_near)
            for (const QByteArray &k : keys)
                q->m_near->invalidate(k);
    }
    void nearForgetAll() {
        if (q->m_near)
            q->m_near->invalidateAll();
    }

    // get() and getOrSet() after validation. While memory is the active backend they call
    // lookupMemory(), which answers synchronously (every HIT while Redis is not in use);
    // lookup() goes through the active backend with its fallback and the shared reads.
    Lookup lookupMemory(const QByteArray &full, const QString &ns) {
        return decodeLookup(full, q->m_memory->find(full), ns);
    }

    void lookup(const QByteArray &full, const QString &ns, std::function<void(Lookup)> done) {
        auto send = [this, full](CacheBackend::Callback<std::optional<QByteArray>> cb) {
            run<std::optional<QByteArray>>(
                [this, full](CacheBackend *b,
                             CacheBackend::Callback<std::optional<QByteArray>> got) {
                    if (q->m_near && b == q->m_redis) {
                        // A Redis reply may fill the near cache, unless the key changed
                        // meanwhile.
                        const quint64 ticket = q->m_near->beginFill(full);
                        got = [this, full, ticket,
                               got = std::move(got)](Result<std::optional<QByteArray>> r) {
                            if (r.ok() && r.value)
                                q->m_near->offer(full, ticket, *r.value);
                            got(std::move(r));
                        };
                    }
                    b->get(full, std::move(got));
                },
                std::move(cb));
        };
        reads.read(full, !failover.onMemory(), send,
                   [this, full, ns, done = std::move(done)](const SharedReads::Reply &r) {
                       if (r.ok()) {
                           done(decodeLookup(full, r.value ? &*r.value : nullptr, ns));
                           return;
                       }
                       reportError(r.error);
                       if (pastDeadline(r) && statsOn())
                           q->m_stats.recordMiss(ns);
                       done(Lookup::failure(r.error));
                   });
    }

    // Only a read past its deadline fails with a timeout: Failover turns every other
    // transport fault into a read of the memory backend.
    template <typename T>
    static bool pastDeadline(const Result<T> &r) {
        return !r.ok() && r.error.kind == ErrorKind::Timeout;
    }

    // Runs the producer for `full` once, however many callers miss it meanwhile; every one of
    // them gets its result (once stored). `store` is false when the backend let a read pass
    // its deadline: its value is not written back to a backend that may be hung.
    void produce(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                 const Producer &producer, ValueCallback done, bool store = true) {
        if (!producing.join(full, std::move(done)))
            return;
        produceOnce(full, key, ns, ttl, producer, store);
    }

    // CACHE_SINGLE_FLIGHT=distributed: one instance on the Redis calls the producer, under a
    // lease; the others wait until the lease is gone and read what it stored, or compete
    // again when nothing was stored (the holder failed or died). Without Redis in use, or
    // when Redis fails, the producer is called here.
    void produceOnce(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                     const Producer &producer, bool store) {
        if (!q->m_lease || !store || failover.onMemory())
            return callProducer(full, key, ns, ttl, producer, store, {}, {});
        // <prefix>.lease:<namespace>:<key>: beside the cache's keys, never among them.
        const QByteArray leaseKey =
            keyspace.prefix() + ".lease" + full.mid(keyspace.prefix().size());
        QPointer<CacheManager> guard(q);
        q->m_lease->acquire(leaseKey, [=, this](Result<QByteArray> token) {
            if (!guard)
                return;
            if (!token.ok() || !token.value.isEmpty())
                return callProducer(full, key, ns, ttl, producer, store, leaseKey, token.value);
            q->m_lease->waitUntilFree(leaseKey, [=, this](Result<bool> freed) {
                if (!guard)
                    return;
                if (!freed.ok())
                    return callProducer(full, key, ns, ttl, producer, store, {}, {});
                lookup(full, ns, [=, this](Lookup r) {
                    if (r.ok() && r.value)
                        producing.finish(full, Result<CacheValue>::success(std::move(*r.value)));
                    else
                        produceOnce(full, key, ns, ttl, producer, store);
                });
            });
        });
    }

    // `token` non-empty: this instance holds the lease `leaseKey`, released once the value is
    // stored (or the producer failed).
    void callProducer(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                      const Producer &producer, bool store, const QByteArray &leaseKey,
                      const QByteArray &token) {
        QFuture<Result<CacheValue>> produced =
            producer ? producer()
                     : failed<CacheValue>(
                           CacheError::validation(QStringLiteral("getOrSet needs a producer")));
        QPointer<CacheManager> guard(q);
        auto onProduced = [this, guard, full, key, ns, ttl, store, leaseKey,
                           token](const Result<CacheValue> &r) {
            if (!guard)
                return;
            auto release = [this, leaseKey, token] {
                if (!token.isEmpty())
                    q->m_lease->release(leaseKey, token);
            };
            if (store && r.ok()) {
                storeProduced(full, key, ns, ttl, r.value, release);
            } else {
                producing.finish(full, r);
                release();
            }
        };
        whenDone(q, produced, onProduced);
    }

    void storeProduced(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                       const CacheValue &value, const std::function<void()> &afterStore) {
        // Callers are answered once the value is stored, so that a caller arriving after the
        // coalescing window closes finds it in the cache instead of producing again.
        QFuture<Result<bool>> stored = q->set(key, value, ttl, ns);
        auto finishAll = [this, full, value, afterStore](const Result<bool> &) {
            afterStore();
            producing.finish(full, Result<CacheValue>::success(value));
        };
        whenDone(q, stored, finishAll);
    }
};

// --------------------------------------------------------------------------------------------

CacheManager::CacheManager(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings) {
    qRegisterMetaType<qrc::BackendKind>();
    qRegisterMetaType<qrc::CacheError>();
    m_memory = new MemoryBackend(
        {m_settings.cache.memoryMaxEntries, m_settings.cache.memoryMaxBytes}, this);
    if (m_settings.redis.enabled)
        m_redis = new RedisBackend(m_settings.redis, this);
    d = std::make_unique<Impl>(this); // after the backends: its parts work on them
    m_keyBrowser = new KeyBrowser(this);
    connect(m_memory, &MemoryBackend::evicted, this, [this](qint64 n) {
        if (d->statsOn()) {
            m_stats.recordEvictions(n);
            d->statsChanged();
        }
    });
    if (m_redis) {
        connect(m_redis->client(), &RedisClient::stateChanged, this,
                &CacheManager::redisStateChanged);
        if (m_settings.cache.nearCache) {
            m_near = new NearCache(m_redis->client(), d->keyspace.prefix() + ':',
                                   {m_settings.cache.nearMaxEntries, m_settings.cache.nearMaxBytes},
                                   this);
            // Whatever it holds may be stale once the cache has run on memory meanwhile.
            connect(this, &CacheManager::backendChanged, m_near, &NearCache::invalidateAll);
        }
        if (m_settings.cache.singleFlight == u"distributed")
            m_lease = new DistributedLease(m_redis->client(),
                                           {m_settings.cache.singleFlightLeaseMs, 2, 50}, this);
    }
    m_fleet = new FleetStatistics(this);
}

CacheManager::~CacheManager() {
    if (m_redis) {
        // Fail whatever is pending while the manager is still whole, without moving the
        // circuit or telling anyone about the client's last state change.
        d->failover.detach();
        disconnect(m_redis->client(), nullptr, this, nullptr);
        m_redis->client()->stop();
    }
}

void CacheManager::start() {
    if (m_redis)
        m_redis->client()->start();
}

BackendKind CacheManager::activeBackend() const {
    return d->failover.activeKind();
}

RedisClient::State CacheManager::redisState() const {
    return m_redis ? m_redis->client()->state() : RedisClient::State::Disabled;
}

QString CacheManager::redisEndpoint() const {
    return m_redis ? m_redis->client()->endpoint() : QString();
}

RedisClient *CacheManager::redisClient() const {
    return m_redis ? m_redis->client() : nullptr;
}

QFuture<Result<std::optional<CacheValue>>> CacheManager::get(const QString &key,
                                                             const QString &ns) {
    if (CacheError e = d->validate(key, ns); e.isError())
        return failed<std::optional<CacheValue>>(e);
    const QByteArray full = d->keyspace.fullKey(ns, key);
    if (d->failover.onMemory())
        return ready(d->lookupMemory(full, ns));
    if (const QByteArray *raw = d->nearFind(full))
        return ready(d->decodeLookup(full, raw, ns));
    Pending<Impl::Lookup> pending;
    d->lookup(full, ns, [pending](Impl::Lookup r) {
        pending.finish(Impl::pastDeadline(r) ? Impl::Lookup::success(std::nullopt) : std::move(r));
    });
    return pending.future();
}

QFuture<Result<bool>> CacheManager::set(const QString &key, CacheValue value,
                                        std::optional<qint64> ttl, const QString &ns) {
    if (CacheError e = d->validate(key, ns); e.isError())
        return failed<bool>(e);
    const Result<qint64> seconds = d->resolveTtl(ttl);
    if (!seconds.ok())
        return failed<bool>(seconds.error);
    const QByteArray full = d->keyspace.fullKey(ns, key);
    value.storedAtMs = QDateTime::currentMSecsSinceEpoch();
    const QByteArray bytes = ValueCodec::encode(value, d->codec).bytes;
    d->reads.detachAll();
    d->nearForget({full});
    Pending<Result<bool>> pending;
    d->run<bool>(
        [this, full, bytes, ttl = seconds.value](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            if (b == m_memory)
                d->failover.journalKey(full);
            b->set(full, bytes, ttl, std::move(cb));
        },
        [this, pending, ns, full, size = bytes.size()](Result<bool> r) {
            d->reads.detachAll();
            d->nearForget({full});
            if (r.ok() && d->statsOn()) {
                m_stats.recordSet(ns, size);
                d->statsChanged();
            } else if (!r.ok()) {
                d->reportError(r.error);
            }
            pending.finish(std::move(r));
        });
    return pending.future();
}

QFuture<Result<bool>> CacheManager::set(const QString &key, const QByteArray &data,
                                        std::optional<qint64> ttl, const QString &ns) {
    return set(key, CacheValue{data, {}, 0, {}}, ttl, ns);
}

QFuture<Result<std::optional<QJsonValue>>> CacheManager::getJson(const QString &key,
                                                                 const QString &ns) {
    using R = Result<std::optional<QJsonValue>>;
    return get(key, ns).then([](Result<std::optional<CacheValue>> r) {
        if (!r.ok())
            return R::failure(r.error);
        if (!r.value)
            return R::success(std::nullopt);
        // Wrapping in an array lets scalars (numbers, strings) parse as well as documents.
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson('[' + r.value->data + ']', &err);
        if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
            return R::failure(CacheError::serialization(
                QStringLiteral("cached value is not valid JSON: ") + err.errorString()));
        return R::success(doc.array().first());
    });
}

QFuture<Result<bool>> CacheManager::setJson(const QString &key, const QJsonValue &value,
                                            std::optional<qint64> ttl, const QString &ns) {
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    json = json.mid(1, json.size() - 2); // strip the wrapping array
    return set(key, CacheValue{json, QByteArrayLiteral("application/json"), 0, {}}, ttl, ns);
}

QFuture<Result<qint64>> CacheManager::remove(const QStringList &keys, const QString &ns) {
    if (CacheError e = d->validateKeys(keys, ns); e.isError())
        return failed<qint64>(e);
    QList<QByteArray> full;
    for (const QString &k : keys)
        full.append(d->keyspace.fullKey(ns, k));
    d->reads.detachAll();
    d->nearForget(full);
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, full](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                for (const QByteArray &k : full)
                    d->failover.journalKey(k);
            b->remove(full, std::move(cb));
        },
        [this, full, finish = d->finishDeletes(pending, ns)](Result<qint64> r) {
            d->nearForget(full);
            finish(std::move(r));
        });
    return pending.future();
}

QFuture<Result<qint64>> CacheManager::exists(const QStringList &keys, const QString &ns) {
    if (CacheError e = d->validateKeys(keys, ns); e.isError())
        return failed<qint64>(e);
    QList<QByteArray> full;
    for (const QString &k : keys)
        full.append(d->keyspace.fullKey(ns, k));
    Pending<Result<qint64>> pending;
    d->run<qint64>([full](CacheBackend *b,
                          CacheBackend::Callback<qint64> cb) { b->exists(full, std::move(cb)); },
                   [pending](Result<qint64> r) { pending.finish(std::move(r)); });
    return pending.future();
}

void CacheManager::getOrSet(const QString &key, Producer producer, ValueCallback done,
                            std::optional<qint64> ttl, const QString &ns, bool forceRefresh) {
    using R = Result<CacheValue>;
    if (CacheError e = d->validate(key, ns); e.isError())
        return done(R::failure(e));
    const Result<qint64> seconds = d->resolveTtl(ttl);
    if (!seconds.ok())
        return done(R::failure(seconds.error));
    const QByteArray full = d->keyspace.fullKey(ns, key);
    if (forceRefresh || d->producing.running(full))
        return d->produce(full, key, ns, seconds.value, producer, std::move(done));
    if (d->failover.onMemory()) { // the hot path: answered before anything is built
        Impl::Lookup hit = d->lookupMemory(full, ns);
        if (hit.value)
            return done(R::success(std::move(*hit.value)));
        return d->produce(full, key, ns, seconds.value, producer, std::move(done));
    }
    if (const QByteArray *raw = d->nearFind(full)) {
        Impl::Lookup hit = d->decodeLookup(full, raw, ns);
        if (hit.value)
            return done(R::success(std::move(*hit.value)));
    }
    d->lookup(full, ns,
              [this, full, key, ns, ttl = seconds.value, producer = std::move(producer),
               done = std::move(done)](Impl::Lookup r) mutable {
                  if (r.ok() && r.value)
                      done(R::success(std::move(*r.value)));
                  else // a miss, or a cache fault: the producer still answers
                      d->produce(full, key, ns, ttl, producer, std::move(done),
                                 !Impl::pastDeadline(r));
              });
}

QFuture<Result<qint64>> CacheManager::ttl(const QString &key, const QString &ns) {
    if (CacheError e = d->validate(key, ns); e.isError())
        return failed<qint64>(e);
    const QByteArray full = d->keyspace.fullKey(ns, key);
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [full](CacheBackend *b, CacheBackend::Callback<qint64> cb) { b->ttl(full, std::move(cb)); },
        [pending](Result<qint64> r) {
            if (r.ok() && r.value >= 0)
                r.value = (r.value + 999) / 1000; // a live key never reads as 0 s
            pending.finish(std::move(r));
        });
    return pending.future();
}

QFuture<Result<std::optional<qint64>>> CacheManager::expire(const QString &key, qint64 seconds,
                                                            const QString &ns) {
    using R = Result<std::optional<qint64>>;
    if (CacheError e = d->validate(key, ns); e.isError())
        return failed<std::optional<qint64>>(e);
    const Result<qint64> applied = d->resolveTtl(seconds);
    if (!applied.ok())
        return failed<std::optional<qint64>>(applied.error);
    const QByteArray full = d->keyspace.fullKey(ns, key);
    d->nearForget({full});
    Pending<R> pending;
    d->run<bool>(
        [this, full, s = applied.value](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            if (b == m_memory)
                d->failover.journalKey(full);
            b->expire(full, s, std::move(cb));
        },
        [this, full, pending, s = applied.value](Result<bool> r) {
            d->nearForget({full});
            if (!r.ok())
                pending.finish(R::failure(r.error));
            else
                pending.finish(R::success(r.value ? std::optional(s) : std::nullopt));
        });
    return pending.future();
}

QFuture<Result<qint64>> CacheManager::clear(const QString &ns) {
    if (CacheError e = Keyspace::validateNamespace(ns); e.isError())
        return failed<qint64>(e);
    const QByteArray pattern = d->keyspace.namespacePattern(ns);
    d->reads.detachAll();
    d->nearForgetAll();
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, ns, pattern](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                d->failover.journalNamespace(ns);
            bulkdelete::byPattern(b, pattern, nullptr, std::move(cb));
        },
        [this, finish = d->finishDeletes(pending, ns)](Result<qint64> r) {
            d->nearForgetAll();
            finish(std::move(r));
        });
    return pending.future();
}

QFuture<Result<qint64>> CacheManager::clearAll() {
    const QByteArray pattern = d->keyspace.allPattern();
    auto removed = std::make_shared<QList<QByteArray>>();
    d->reads.detachAll();
    d->nearForgetAll();
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, pattern, removed](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                d->failover.journalEverything();
            removed->clear();
            bulkdelete::byPattern(b, pattern, removed, std::move(cb));
        },
        [this, pending, removed](Result<qint64> r) {
            d->reads.detachAll();
            d->nearForgetAll();
            if (r.ok() && d->statsOn()) {
                QHash<QString, qint64> perNamespace;
                for (const QByteArray &full : std::as_const(*removed)) {
                    QString ns;
                    if (d->keyspace.split(full, &ns, nullptr))
                        ++perNamespace[ns];
                }
                for (auto it = perNamespace.cbegin(); it != perNamespace.cend(); ++it)
                    m_stats.recordDeletes(it.key(), it.value());
                d->statsChanged();
            } else if (!r.ok()) {
                d->reportError(r.error);
            }
            pending.finish(std::move(r));
        });
    return pending.future();
}

QFuture<Result<double>> CacheManager::ping() {
    Pending<Result<double>> pending;
    // Ping the active backend directly: a failed ping must be reported, not hidden by fallback.
    d->failover.active()->ping([pending](Result<qint64> r) {
        if (!r.ok())
            pending.finish(Result<double>::failure(r.error));
        else
            pending.finish(Result<double>::success(double(r.value) / 1000.0));
    });
    return pending.future();
}

void CacheManager::resetStatistics() {
    m_stats.reset();
    d->statsChanged();
}

void CacheManager::runWithFallback(
    std::function<void(CacheBackend *, CacheBackend::Callback<bool>)> op,
    CacheBackend::Callback<bool> done) {
    d->run<bool>(std::move(op), std::move(done));
}

const Keyspace &CacheManager::keyspace() const {
    return d->keyspace;
}

} // namespace qrc
