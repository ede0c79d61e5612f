#include "cachemanager.h"

#include "keybrowser.h"
#include "keyspace.h"
#include "memorybackend.h"
#include "pending.h"
#include "redisbackend.h"
#include "valuecodec.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

Q_LOGGING_CATEGORY(lcCache, "qrc.cache")

namespace qrc {

namespace {

// Fallback is triggered by transport faults, and by authentication failures (a password
// rotated under a running service is an outage, not bad input).
bool isOutage(const CacheError &e) {
    return e.isTransient() || e.kind == ErrorKind::Auth;
}

constexpr int ScanBatch = 500;
constexpr int MaxJournalKeys = 100000;
constexpr int ProbeBackoffStartMs = 250;
constexpr int ProbeBackoffMaxMs = 10000;

} // namespace

// --------------------------------------------------------------------------------------------

class CacheManager::Impl {
public:
    enum class Circuit { Closed, Open, HalfOpen };

    explicit Impl(CacheManager *q)
        : q(q)
        , keyspace(q->m_settings.cache.namespacePrefix)
        , codec{q->m_settings.cache.compressionEnabled, q->m_settings.cache.compressionThreshold} {
        statsTimer.setSingleShot(true);
        statsTimer.setInterval(200);
        QObject::connect(&statsTimer, &QTimer::timeout, q, &CacheManager::statisticsChanged);
        probeTimer.setSingleShot(true);
        QObject::connect(&probeTimer, &QTimer::timeout, q, [this] { probe(); });
        deadlineTimer.setSingleShot(true);
        deadlineTimer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&deadlineTimer, &QTimer::timeout, q, [this] { expireLateReads(); });
        clock.start();
    }

    CacheManager *q;
    Keyspace keyspace;
    ValueCodec::Options codec;
    QTimer statsTimer;
    QTimer probeTimer;
    Circuit circuit = Circuit::Open;
    int probeBackoffMs = ProbeBackoffStartMs;
    bool replaying = false;

    // Invalidations made while Redis was not in use, replayed before it is used again.
    QSet<QByteArray> journalKeys;
    QSet<QString> journalNamespaces;
    bool journalAll = false;

    // getOrSet coalescing: full key -> the callers waiting for the producer in flight.
    QHash<QByteArray, QList<ValueCallback>> inflight;

    void finishInflight(const QByteArray &full, const Result<CacheValue> &result) {
        const QList<ValueCallback> waiters = inflight.take(full);
        for (const ValueCallback &w : waiters)
            w(result);
    }

    // Runs the producer for `full` once, however many callers miss it meanwhile; every one of
    // them gets its result (once stored).
    // `store` is false when the backend let a read pass its deadline: its value is not written
    // back to a backend that may be hung.
    void produce(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                 const Producer &producer, ValueCallback done, bool store = true) {
        const bool running = inflight.contains(full);
        inflight[full].append(std::move(done));
        if (running)
            return;
        QFuture<Result<CacheValue>> produced =
            producer ? producer()
                     : failed<CacheValue>(
                           CacheError::validation(QStringLiteral("getOrSet needs a producer")));
        QPointer<CacheManager> guard(q);
        auto onProduced = [this, guard, full, key, ns, ttl, store](const Result<CacheValue> &r) {
            if (!guard)
                return;
            if (store)
                storeProduced(full, key, ns, ttl, r);
            else
                finishInflight(full, r);
        };
        if (produced.isFinished())
            onProduced(produced.result());
        else
            produced.then(q, onProduced);
    }

    bool statsOn() const { return q->m_settings.cache.statisticsEnabled; }
    void statsChanged() {
        if (!statsTimer.isActive())
            statsTimer.start();
    }

    CacheBackend *active() const {
        return q->m_active == BackendKind::Redis ? static_cast<CacheBackend *>(q->m_redis)
                                                 : static_cast<CacheBackend *>(q->m_memory);
    }
    bool journaling() const { return q->m_redis && q->m_active == BackendKind::Memory; }

    void journalKey(const QByteArray &full) {
        if (!journaling() || journalAll)
            return;
        journalKeys.insert(full);
        if (journalKeys.size() > MaxJournalKeys) { // too many to replay one by one
            journalKeys.clear();
            journalNamespaces.clear();
            journalAll = true;
        }
    }
    void journalNamespace(const QString &ns) {
        if (journaling() && !journalAll)
            journalNamespaces.insert(ns);
    }
    void journalEverything() {
        if (!journaling())
            return;
        journalKeys.clear();
        journalNamespaces.clear();
        journalAll = true;
    }

    // Completes a remove or clear: counts the deleted keys for the namespace, or the error.
    CacheBackend::Callback<qint64> finishDeletes(Pending<Result<qint64>> pending, QString ns) {
        return [this, pending, ns](Result<qint64> r) {
            detachReads();
            if (r.ok() && statsOn()) {
                q->m_stats.recordDeletes(ns, r.value);
                statsChanged();
            } else if (!r.ok()) {
                reportError(r.error);
            }
            pending.finish(std::move(r));
        };
    }

    void reportError(const CacheError &e) {
        if (statsOn()) {
            q->m_stats.recordError();
            statsChanged();
        }
        Q_EMIT q->errorOccurred(e);
    }

    // Runs `op` on the active backend; when Redis fails with an outage, switches to memory and
    // runs it again there, so the caller never sees the outage.
    template <typename T>
    void run(std::function<void(CacheBackend *, CacheBackend::Callback<T>)> op,
             CacheBackend::Callback<T> done) {
        CacheBackend *backend = active();
        if (backend == q->m_memory) {
            op(backend, std::move(done));
            return;
        }
        QPointer<CacheManager> guard(q);
        op(backend, [this, guard, op, done = std::move(done)](Result<T> r) mutable {
            if (!guard)
                return;
            if (!r.ok() && isOutage(r.error)) {
                openCircuit(r.error);
                op(q->m_memory, std::move(done));
                return;
            }
            done(std::move(r));
        });
    }

    void setActive(BackendKind kind) {
        if (q->m_active == kind)
            return;
        q->m_active = kind;
        qCInfo(lcCache).noquote() << "cache backend:"
                                  << (kind == BackendKind::Redis
                                          ? QStringLiteral("redis ") + q->redisEndpoint()
                                          : QStringLiteral("memory"));
        Q_EMIT q->backendChanged(kind);
    }

    void openCircuit(const CacheError &why) {
        if (circuit == Circuit::Closed) {
            qCWarning(lcCache).noquote() << "redis failed, using memory:" << why.message;
            reportError(why);
        }
        circuit = Circuit::Open;
        setActive(BackendKind::Memory);
        scheduleProbe();
    }

    void scheduleProbe() {
        if (!q->m_redis || probeTimer.isActive() || circuit == Circuit::HalfOpen)
            return;
        probeTimer.start(probeBackoffMs);
        probeBackoffMs = qMin(probeBackoffMs * 2, ProbeBackoffMaxMs);
    }

    // Half-open probe: one PING; on success replay the journal, then close the circuit.
    void probe() {
        if (!q->m_redis || circuit != Circuit::Open)
            return;
        if (q->m_redis->client()->state() != RedisClient::State::Connected)
            return; // RedisClient reconnects with its own backoff; Connected re-triggers us
        circuit = Circuit::HalfOpen;
        QPointer<CacheManager> guard(q);
        q->m_redis->ping([this, guard](Result<qint64> r) {
            if (!guard)
                return;
            if (!r.ok()) {
                circuit = Circuit::Open;
                scheduleProbe();
                return;
            }
            replayJournal();
        });
    }

    void replayJournal() {
        if (!journalAll && journalKeys.isEmpty() && journalNamespaces.isEmpty()) {
            // Memory may hold entries written before an earlier outage ended: drop them so a
            // later fallback never serves values Redis has since replaced.
            q->m_memory->removeAll();
            circuit = Circuit::Closed;
            probeBackoffMs = ProbeBackoffStartMs;
            setActive(BackendKind::Redis);
            return;
        }
        // Take the current journal; whatever is journaled meanwhile is replayed next round.
        const bool all = std::exchange(journalAll, false);
        const QList<QByteArray> keys = std::exchange(journalKeys, {}).values();
        const QList<QString> namespaces = std::exchange(journalNamespaces, {}).values();
        QList<QByteArray> patterns;
        if (all)
            patterns.append(keyspace.allPattern());
        else
            for (const QString &ns : namespaces)
                patterns.append(keyspace.namespacePattern(ns));
        qCInfo(lcCache) << "replaying outage invalidations to redis:" << keys.size() << "keys,"
                        << patterns.size() << "patterns";
        QPointer<CacheManager> guard(q);
        // A failed replay puts its part of the journal back and waits for the next probe.
        auto failed = [this, all, keys, namespaces] {
            journalAll |= all;
            for (const QByteArray &k : keys)
                journalKeys.insert(k);
            for (const QString &ns : namespaces)
                journalNamespaces.insert(ns);
            circuit = Circuit::Open;
            scheduleProbe();
        };
        removeKeysInBatches(q->m_redis, keys, 0, 0, [=, this](Result<qint64> r) {
            if (!guard)
                return;
            if (!r.ok())
                return failed();
            clearPatterns(patterns, 0, [=, this](Result<qint64> r2) {
                if (!guard)
                    return;
                if (!r2.ok())
                    return failed();
                replayJournal(); // anything journaled during the replay, then close
            });
        });
    }

    void removeKeysInBatches(CacheBackend *backend, QList<QByteArray> keys, qsizetype from,
                             qint64 removedSoFar, CacheBackend::Callback<qint64> done) {
        if (from >= keys.size()) {
            done(Result<qint64>::success(removedSoFar));
            return;
        }
        const QList<QByteArray> batch = keys.mid(from, ScanBatch);
        QPointer<CacheManager> guard(q);
        backend->remove(batch, [=, this](Result<qint64> r) {
            if (!guard)
                return;
            if (!r.ok()) {
                done(r);
                return;
            }
            removeKeysInBatches(backend, keys, from + ScanBatch, removedSoFar + r.value, done);
        });
    }

    void clearPatterns(QList<QByteArray> patterns, qint64 removedSoFar,
                       CacheBackend::Callback<qint64> done) {
        if (patterns.isEmpty()) {
            done(Result<qint64>::success(removedSoFar));
            return;
        }
        const QByteArray pattern = patterns.takeFirst();
        QPointer<CacheManager> guard(q);
        scanAndRemove(q->m_redis, pattern, {}, 0, nullptr, [=, this](Result<qint64> r) {
            if (!guard)
                return;
            if (!r.ok())
                done(r);
            else
                clearPatterns(patterns, removedSoFar + r.value, done);
        });
    }

    // SCAN + UNLINK in batches: never KEYS, never FLUSHDB. `removedKeys` (optional) collects
    // what was removed so that statistics can be attributed per namespace.
    void scanAndRemove(CacheBackend *backend, const QByteArray &pattern, const QByteArray &cursor,
                       qint64 removedSoFar, std::shared_ptr<QList<QByteArray>> removedKeys,
                       CacheBackend::Callback<qint64> done) {
        QPointer<CacheManager> guard(q);
        backend->scan(cursor, pattern, ScanBatch, [=, this](Result<ScanPage> page) {
            if (!guard)
                return;
            if (!page.ok()) {
                done(Result<qint64>::failure(page.error));
                return;
            }
            auto next = [=, this](qint64 removed) {
                if (page.value.cursor.isEmpty())
                    done(Result<qint64>::success(removed));
                else
                    scanAndRemove(backend, pattern, page.value.cursor, removed, removedKeys, done);
            };
            if (page.value.keys.isEmpty()) {
                next(removedSoFar);
                return;
            }
            backend->remove(page.value.keys, [=](Result<qint64> r) {
                if (!guard)
                    return;
                if (!r.ok()) {
                    done(r);
                    return;
                }
                if (removedKeys)
                    removedKeys->append(page.value.keys);
                next(removedSoFar + r.value);
            });
        });
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

    // Decoded forms of recently read entries. Parsing an entry costs more than the rest of a
    // memory HIT (and inflating a compressed 8 KB one tens of microseconds); comparing the
    // stored bytes with the memo's costs a hash lookup and a memcmp. An entry is reused only
    // when the stored bytes are still the same bytes: the memory backend hands out the very
    // buffer it stores (compared by pointer: it cannot be freed and reused while the memo
    // holds it), Redis fresh copies (compared by content).
    struct DecodedMemo {
        QByteArray raw;
        CacheValue value;
    };
    QHash<QByteArray, DecodedMemo> decodedMemo;
    qint64 decodedMemoBytes = 0;
    int decodedMemoRefusals = 0;
    static constexpr int DecodedMemoEntries = 1024;
    static constexpr qint64 DecodedMemoMaxBytes = 32ll * 1024 * 1024;

    Result<CacheValue> decodeMemoized(const QByteArray &full, const QByteArray &raw) {
        const auto it = decodedMemo.constFind(full);
        if (it != decodedMemo.cend() && it->raw.size() == raw.size() &&
            (it->raw.constData() == raw.constData() || it->raw == raw))
            return Result<CacheValue>::success(it->value);
        Result<CacheValue> decoded = ValueCodec::decode(raw);
        const qint64 cost = raw.size() + decoded.value.data.size();
        if (decoded.ok() && cost <= DecodedMemoMaxBytes / 8) {
            if (it != decodedMemo.cend()) {
                decodedMemoBytes -= it->raw.size() + it->value.data.size();
                decodedMemo.erase(it);
            }
            // Full: new entries are not admitted, so that reading more distinct keys than the
            // memo holds costs a failed lookup, not an insertion and eviction per read. It is
            // emptied after many refusals, to follow a hot set that moves.
            if (decodedMemo.size() >= DecodedMemoEntries ||
                decodedMemoBytes + cost > DecodedMemoMaxBytes) {
                if (++decodedMemoRefusals < 4 * DecodedMemoEntries)
                    return decoded;
                decodedMemo.clear();
                decodedMemoBytes = 0;
                decodedMemoRefusals = 0;
            }
            decodedMemo.insert(full, DecodedMemo{raw, decoded.value});
            decodedMemoBytes += cost;
        }
        return decoded;
    }

    // Turns raw stored bytes into a lookup result, counting hit / miss / corrupt entry.
    Result<std::optional<CacheValue>> decodeLookup(const QByteArray &full, const QByteArray *raw,
                                                   const QString &ns) {
        using R = Result<std::optional<CacheValue>>;
        if (!raw) {
            if (statsOn()) {
                q->m_stats.recordMiss(ns);
                statsChanged();
            }
            return R::success(std::nullopt);
        }
        Result<CacheValue> decoded = decodeMemoized(full, *raw);
        if (!decoded.ok()) {
            // A corrupt entry is an error for that entry only: counted, logged, and a miss.
            qCWarning(lcCache).noquote()
                << "corrupt entry in namespace" << ns << ":" << decoded.error.message;
            reportError(decoded.error);
            if (statsOn())
                q->m_stats.recordMiss(ns);
            return R::success(std::nullopt);
        }
        if (statsOn()) {
            q->m_stats.recordHit(ns, raw->size());
            statsChanged();
        }
        return R::success(std::move(decoded.value));
    }

    // get() and getOrSet() after validation. While memory is the active backend they call
    // lookupMemory(), which answers synchronously (every HIT while Redis is not in use);
    // lookup() goes through the active backend with its fallback.
    using Lookup = Result<std::optional<CacheValue>>;
    Lookup lookupMemory(const QByteArray &full, const QString &ns) {
        return decodeLookup(full, q->m_memory->find(full), ns);
    }

    // Reads of one key share a backend read while it is in flight (single flight): a lookup
    // that finds a GET for its key already sent waits for that reply instead of sending its
    // own, so a hot key costs Redis one GET per event-loop pass, not one per request. Each
    // waiter is still counted (hit, miss or error) as a read of its own.
    using LookupCallback = std::function<void(Lookup)>;
    using Waiters = std::shared_ptr<QList<LookupCallback>>;
    QHash<QByteArray, Waiters> readsInFlight;

    void lookup(const QByteArray &full, const QString &ns, LookupCallback done) {
        if (const auto it = readsInFlight.constFind(full); it != readsInFlight.cend()) {
            (*it)->append(std::move(done));
            return;
        }
        auto waiters = std::make_shared<QList<LookupCallback>>();
        waiters->append(std::move(done));
        readsInFlight.insert(full, waiters);
        watchDeadline(full, ns, waiters);
        run<std::optional<QByteArray>>(
            [full](CacheBackend *b, CacheBackend::Callback<std::optional<QByteArray>> cb) {
                b->get(full, std::move(cb));
            },
            [this, ns, full, waiters](Result<std::optional<QByteArray>> r) {
                // Detached meanwhile by a write (see detachReads), then a newer read may own
                // the slot.
                if (const auto it = readsInFlight.constFind(full);
                    it != readsInFlight.cend() && *it == waiters)
                    readsInFlight.erase(it);
                const QList<LookupCallback> callers = std::exchange(*waiters, {});
                for (const LookupCallback &caller : callers) {
                    if (!r.ok()) {
                        reportError(r.error);
                        caller(Lookup::failure(r.error));
                    } else {
                        caller(decodeLookup(full, r.value ? &*r.value : nullptr, ns));
                    }
                }
            });
    }

    // The read deadline (cache.readDeadlineMs): a read Redis has not answered in time is
    // answered as a miss, counted as an error; its reply, when it comes, finds no one waiting.
    // Every read waits the same time, so reads fall due in the order they were sent: one
    // timer and a FIFO serve them all, instead of a timer per read on the hot path. The
    // connection keeps its own socket timeout, which still opens the circuit.
    struct DueRead {
        qint64 dueMs;
        QByteArray full;
        QString ns;
        Waiters waiters;
    };
    std::deque<DueRead> dueReads;
    QTimer deadlineTimer;
    QElapsedTimer clock;

    void watchDeadline(const QByteArray &full, const QString &ns, const Waiters &waiters) {
        const int deadline = q->m_settings.cache.readDeadlineMs;
        if (deadline <= 0 || active() == q->m_memory) // memory answers before this returns
            return;
        dueReads.push_back({clock.elapsed() + deadline, full, ns, waiters});
        if (!deadlineTimer.isActive())
            deadlineTimer.start(deadline);
    }

    void expireLateReads() {
        const qint64 now = clock.elapsed();
        while (!dueReads.empty() && dueReads.front().dueMs <= now) {
            const DueRead late = std::move(dueReads.front());
            dueReads.pop_front();
            if (late.waiters->isEmpty())
                continue; // answered in time
            if (const auto it = readsInFlight.constFind(late.full);
                it != readsInFlight.cend() && *it == late.waiters)
                readsInFlight.erase(it);
            const CacheError error = CacheError::timeout(
                QStringLiteral("Redis read exceeded the %1 ms read deadline; answered as a miss")
                    .arg(q->m_settings.cache.readDeadlineMs));
            const QList<LookupCallback> callers = std::exchange(*late.waiters, {});
            for (const LookupCallback &caller : callers) {
                reportError(error);
                if (statsOn())
                    q->m_stats.recordMiss(late.ns);
                caller(Lookup::failure(error));
            }
        }
        if (!dueReads.empty())
            deadlineTimer.start(int(qMax<qint64>(0, dueReads.front().dueMs - now)));
    }

    // Only a read past its deadline fails with a timeout: run() turns every other transport
    // fault into a read of the memory backend.
    static bool pastDeadline(const Lookup &r) {
        return !r.ok() && r.error.kind == ErrorKind::Timeout;
    }

    // Called by every write as it is sent and as it completes. Readers already waiting keep
    // the reply of the read sent before (what they would have got without sharing); later
    // readers send their own read. A reader arriving after the write has completed therefore
    // never joins a read sent before it finished, and sees the write (as without sharing).
    void detachReads() {
        if (!readsInFlight.isEmpty())
            readsInFlight.clear();
    }

    void storeProduced(const QByteArray &full, const QString &key, const QString &ns, qint64 ttl,
                       Result<CacheValue> produced) {
        if (!produced.ok()) {
            finishInflight(full, produced);
            return;
        }
        // Callers are answered once the value is stored, so that a caller arriving after the
        // coalescing window closes finds it in the cache instead of producing again.
        QFuture<Result<bool>> stored = q->set(key, produced.value, ttl, ns);
        auto finishAll = [this, full, value = produced.value](const Result<bool> &) {
            finishInflight(full, Result<CacheValue>::success(value));
        };
        if (stored.isFinished())
            finishAll(stored.result());
        else
            stored.then(q, finishAll);
    }
};

// --------------------------------------------------------------------------------------------

CacheManager::CacheManager(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , d(std::make_unique<Impl>(this)) {
    qRegisterMetaType<qrc::BackendKind>();
    qRegisterMetaType<qrc::CacheError>();
    m_keyBrowser = new KeyBrowser(this);
    m_memory = new MemoryBackend(
        {m_settings.cache.memoryMaxEntries, m_settings.cache.memoryMaxBytes}, this);
    connect(m_memory, &MemoryBackend::evicted, this, [this](qint64 n) {
        if (d->statsOn()) {
            m_stats.recordEvictions(n);
            d->statsChanged();
        }
    });
    if (m_settings.redis.enabled) {
        m_redis = new RedisBackend(m_settings.redis, this);
        connect(m_redis->client(), &RedisClient::stateChanged, this,
                [this](RedisClient::State state, const QString &detail) {
                    if (state == RedisClient::State::Connected) {
                        d->probeTimer.stop();
                        d->probeBackoffMs = ProbeBackoffStartMs;
                        if (d->circuit == Impl::Circuit::Open)
                            d->probe();
                    } else if (d->circuit == Impl::Circuit::Closed) {
                        d->openCircuit(CacheError::connection(
                            detail.isEmpty() ? QStringLiteral("redis connection lost") : detail));
                    }
                    Q_EMIT redisStateChanged(state, detail);
                });
    }
}

CacheManager::~CacheManager() {
    if (m_redis) {
        // Fail whatever is pending while the manager is still whole.
        disconnect(m_redis->client(), nullptr, this, nullptr);
        m_redis->client()->stop();
    }
}

void CacheManager::start() {
    if (m_redis)
        m_redis->client()->start();
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
    if (m_active == BackendKind::Memory)
        return ready(d->lookupMemory(full, ns));
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
    d->detachReads();
    Pending<Result<bool>> pending;
    d->run<bool>(
        [this, full, bytes, ttl = seconds.value](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            if (b == m_memory)
                d->journalKey(full);
            b->set(full, bytes, ttl, std::move(cb));
        },
        [this, pending, ns, size = bytes.size()](Result<bool> r) {
            d->detachReads();
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
    d->detachReads();
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, full](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                for (const QByteArray &k : full)
                    d->journalKey(k);
            b->remove(full, std::move(cb));
        },
        d->finishDeletes(pending, ns));
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

QFuture<Result<CacheValue>> CacheManager::getOrSet(const QString &key, Producer producer,
                                                   std::optional<qint64> ttl, const QString &ns,
                                                   bool forceRefresh) {
    Pending<Result<CacheValue>> pending;
    getOrSet(key, std::move(producer), ttl, ns, forceRefresh,
             [pending](const Result<CacheValue> &r) { pending.finish(r); });
    return pending.future();
}

void CacheManager::getOrSet(const QString &key, Producer producer, std::optional<qint64> ttl,
                            const QString &ns, bool forceRefresh, ValueCallback done) {
    using R = Result<CacheValue>;
    if (CacheError e = d->validate(key, ns); e.isError())
        return done(R::failure(e));
    const Result<qint64> seconds = d->resolveTtl(ttl);
    if (!seconds.ok())
        return done(R::failure(seconds.error));
    const QByteArray full = d->keyspace.fullKey(ns, key);
    if (d->inflight.contains(full)) {
        d->inflight[full].append(std::move(done));
        return;
    }
    if (forceRefresh)
        return d->produce(full, key, ns, seconds.value, producer, std::move(done));
    if (m_active == BackendKind::Memory) { // the hot path: answered before anything is built
        Impl::Lookup hit = d->lookupMemory(full, ns);
        if (hit.value)
            return done(R::success(std::move(*hit.value)));
        return d->produce(full, key, ns, seconds.value, producer, std::move(done));
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
    Pending<R> pending;
    d->run<bool>(
        [this, full, s = applied.value](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            if (b == m_memory)
                d->journalKey(full);
            b->expire(full, s, std::move(cb));
        },
        [pending, s = applied.value](Result<bool> r) {
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
    d->detachReads();
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, ns, pattern](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                d->journalNamespace(ns);
            d->scanAndRemove(b, pattern, {}, 0, nullptr, std::move(cb));
        },
        d->finishDeletes(pending, ns));
    return pending.future();
}

QFuture<Result<qint64>> CacheManager::clearAll() {
    const QByteArray pattern = d->keyspace.allPattern();
    auto removed = std::make_shared<QList<QByteArray>>();
    d->detachReads();
    Pending<Result<qint64>> pending;
    d->run<qint64>(
        [this, pattern, removed](CacheBackend *b, CacheBackend::Callback<qint64> cb) {
            if (b == m_memory)
                d->journalEverything();
            removed->clear();
            d->scanAndRemove(b, pattern, {}, 0, removed, std::move(cb));
        },
        [this, pending, removed](Result<qint64> r) {
            d->detachReads();
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
    active()->ping([pending](Result<qint64> r) {
        if (!r.ok())
            pending.finish(Result<double>::failure(r.error));
        else
            pending.finish(Result<double>::success(double(r.value) / 1000.0));
    });
    return pending.future();
}

CacheBackend *CacheManager::active() const {
    return d->active();
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
