#include "keybrowser.h"

#include "cachebackend.h"
#include "cachemanager.h"
#include "keyspace.h"
#include "memorybackend.h"
#include "pending.h"
#include "redisbackend.h"
#include "valuecodec.h"

#include <QMap>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <memory>

namespace qrc {

namespace {

QByteArray encodeCursor(const QByteArray &backendCursor, int skip) {
    return (backendCursor + '\x1f' + QByteArray::number(skip))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool decodeCursor(const QString &cursor, QByteArray *backendCursor, int *skip) {
    if (cursor.isEmpty()) {
        backendCursor->clear();
        *skip = 0;
        return true;
    }
    const auto raw = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!raw)
        return false;
    const QByteArray &text = *raw;
    const qsizetype sep = text.lastIndexOf('\x1f');
    if (sep < 0)
        return false;
    bool ok = false;
    *skip = text.mid(sep + 1).toInt(&ok);
    *backendCursor = text.left(sep);
    return ok && *skip >= 0 && !backendCursor->isEmpty();
}

qint64 ttlSeconds(qint64 ttlMs) {
    return ttlMs < 0 ? -1 : (ttlMs + 999) / 1000;
}

// What a collection page's cursor may look like for each type: the cursor goes into a Redis
// command, so only the shapes the previous page produced are accepted.
bool validCollectionCursor(const QByteArray &type, const QByteArray &cursor) {
    if (cursor.isEmpty())
        return true;
    if (type == "stream") {
        static const QRegularExpression id(QStringLiteral("^\\(\\d{1,20}-\\d{1,20}$"));
        return id.match(QString::fromLatin1(cursor)).hasMatch();
    }
    if (cursor.size() > 20)
        return false;
    return std::all_of(cursor.cbegin(), cursor.cend(), [](char c) { return c >= '0' && c <= '9'; });
}

// Describes one key for the two single-key readers. A store error goes to `cb` (so the
// fallback can retry on memory); otherwise `then` gets the key's description, or nullptr
// when there is no such key, and the callback to finish with.
template <typename Then>
void describeOne(CacheBackend *b, const QByteArray &full, QPointer<KeyBrowser> guard,
                 CacheBackend::Callback<bool> cb, Then then) {
    b->describe({full}, [guard, cb = std::move(cb),
                         then = std::move(then)](Result<QList<KeyInfo>> r) mutable {
        if (!guard)
            return;
        if (!r.ok()) {
            cb(Result<bool>::failure(r.error));
            return;
        }
        then(r.value.isEmpty() ? nullptr : &r.value.first(), std::move(cb));
    });
}

} // namespace

KeyBrowser::KeyBrowser(CacheManager *cache)
    : QObject(cache)
    , m_cache(cache) {}

CacheBackend *KeyBrowser::active() const {
    return m_cache->activeBackend() == BackendKind::Redis
               ? static_cast<CacheBackend *>(m_cache->redisBackend())
               : static_cast<CacheBackend *>(m_cache->memoryBackend());
}

void KeyBrowser::scanAll(const QByteArray &pattern,
                         std::function<bool(const QList<QByteArray> &)> onKeys,
                         std::function<void()> onRestart, CacheBackend::Callback<bool> done) {
    QPointer<KeyBrowser> guard(this);
    // Every step of one SCAN iteration; restarts from the start on memory after an outage.
    auto step = std::make_shared<
        std::function<void(CacheBackend *, QByteArray, CacheBackend::Callback<bool>)>>();
    *step = [guard, pattern, onKeys, step](CacheBackend *b, QByteArray cursor,
                                           CacheBackend::Callback<bool> cb) {
        b->scan(cursor, pattern, 1000, [=](Result<ScanPage> page) {
            if (!guard)
                return;
            if (!page.ok()) {
                cb(Result<bool>::failure(page.error));
                return;
            }
            if (!onKeys(page.value.keys) || page.value.cursor.isEmpty())
                cb(Result<bool>::success(true));
            else
                (*step)(b, page.value.cursor, cb);
        });
    };
    m_cache->runWithFallback(
        [step, onRestart](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            onRestart();
            (*step)(b, {}, std::move(cb));
        },
        [step, done = std::move(done)](Result<bool> r) {
            *step = nullptr; // break the self-reference
            done(std::move(r));
        });
}

QFuture<Result<QList<NamespaceInfo>>> KeyBrowser::namespaces() {
    return countPerNamespace({});
}

QFuture<Result<QList<NamespaceInfo>>> KeyBrowser::search(const QString &match) {
    if (match.isEmpty())
        return failed<QList<NamespaceInfo>>(
            CacheError::validation(QStringLiteral("match must not be empty")));
    if (CacheError e = Keyspace::validateKey(match); e.isError())
        return failed<QList<NamespaceInfo>>(
            CacheError::validation(QStringLiteral("match: ") + e.message));
    return countPerNamespace(match.toUtf8());
}

// One SCAN over the whole prefix, counting per namespace the keys that match `glob` (every
// key when it is empty).
QFuture<Result<QList<NamespaceInfo>>> KeyBrowser::countPerNamespace(const QByteArray &glob) {
    using R = Result<QList<NamespaceInfo>>;
    Pending<R> pending;
    auto counts = std::make_shared<QMap<QString, qint64>>();
    const Keyspace &keyspace = m_cache->keyspace();
    scanAll(
        keyspace.allPattern(),
        [counts, &keyspace, glob](const QList<QByteArray> &keys) {
            for (const QByteArray &full : keys) {
                QString ns;
                QString key;
                if (keyspace.split(full, &ns, glob.isEmpty() ? nullptr : &key) &&
                    (glob.isEmpty() || Keyspace::globMatch(glob, key.toUtf8())))
                    ++(*counts)[ns];
            }
            return true;
        },
        [counts] { counts->clear(); },
        [pending, counts](Result<bool> r) {
            if (!r.ok()) {
                pending.finish(R::failure(r.error));
                return;
            }
            QList<NamespaceInfo> out;
            for (auto it = counts->cbegin(); it != counts->cend(); ++it)
                out.append({it.key(), it.value()});
            pending.finish(R::success(out));
        });
    return pending.future();
}

QFuture<Result<QStringList>> KeyBrowser::matchingKeys(const QString &ns, const QString &match) {
    using R = Result<QStringList>;
    if (CacheError e = Keyspace::validateNamespace(ns); e.isError())
        return failed<QStringList>(e);
    if (!match.isEmpty()) {
        if (CacheError e = Keyspace::validateKey(match); e.isError())
            return failed<QStringList>(
                CacheError::validation(QStringLiteral("match: ") + e.message));
    }
    Pending<R> pending;
    auto found = std::make_shared<QSet<QString>>(); // SCAN may return a key twice
    const Keyspace &keyspace = m_cache->keyspace();
    scanAll(
        keyspace.namespaceMatchPattern(ns, match),
        [found, &keyspace](const QList<QByteArray> &keys) {
            for (const QByteArray &full : keys) {
                QString key;
                if (keyspace.split(full, nullptr, &key))
                    found->insert(key);
            }
            return true;
        },
        [found] { found->clear(); },
        [pending, found](Result<bool> r) {
            if (!r.ok()) {
                pending.finish(R::failure(r.error));
                return;
            }
            QStringList keys(found->cbegin(), found->cend());
            keys.sort();
            pending.finish(R::success(keys));
        });
    return pending.future();
}

QFuture<Result<qint64>> KeyBrowser::deleteMatching(const QString &ns, const QString &match) {
    using R = Result<qint64>;
    if (match.isEmpty()) // a whole namespace is cleared with CacheManager::clear()
        return failed<qint64>(CacheError::validation(QStringLiteral("match must not be empty")));
    Pending<R> pending;
    QPointer<KeyBrowser> guard(this);
    QFuture<Result<QStringList>> listed = matchingKeys(ns, match);
    auto removeFound = [this, guard, pending, ns](const Result<QStringList> &keys) {
        if (!guard)
            return;
        if (!keys.ok()) {
            pending.finish(R::failure(keys.error));
            return;
        }
        removeInBatches(ns, keys.value, 0, 0, pending);
    };
    whenDone(this, listed, removeFound);
    return pending.future();
}

void KeyBrowser::removeInBatches(const QString &ns, const QStringList &keys, qsizetype from,
                                 qint64 removedSoFar, Pending<Result<qint64>> pending) {
    constexpr qsizetype Batch = 500;
    if (from >= keys.size()) {
        pending.finish(Result<qint64>::success(removedSoFar));
        return;
    }
    // Through the manager: UNLINK in the backend, counted, and journaled during an outage.
    QFuture<Result<qint64>> removed = m_cache->remove(keys.mid(from, Batch), ns);
    QPointer<KeyBrowser> guard(this);
    auto next = [this, guard, ns, keys, from, removedSoFar, pending](const Result<qint64> &r) {
        if (!guard)
            return;
        if (!r.ok()) {
            pending.finish(r);
            return;
        }
        removeInBatches(ns, keys, from + Batch, removedSoFar + r.value, pending);
    };
    whenDone(this, removed, next);
}

QFuture<Result<KeyPage>> KeyBrowser::listKeys(const QString &ns, const QString &match,
                                              const QString &cursor, int count) {
    using R = Result<KeyPage>;
    if (CacheError e = Keyspace::validateNamespace(ns); e.isError())
        return failed<KeyPage>(e);
    if (count < 1 || count > 1000)
        return failed<KeyPage>(CacheError::validation(
            QStringLiteral("count must be between 1 and 1000 (got %1)").arg(count)));
    if (!match.isEmpty()) {
        if (CacheError e = Keyspace::validateKey(match); e.isError())
            return failed<KeyPage>(CacheError::validation(QStringLiteral("match: ") + e.message));
    }
    QByteArray startCursor;
    int skip = 0;
    if (!decodeCursor(cursor, &startCursor, &skip))
        return failed<KeyPage>(CacheError::validation(QStringLiteral("invalid cursor")));

    struct State {
        QByteArray pattern;
        QList<QByteArray> keys;
        QByteArray nextCursor; // opaque, encoded
        int rounds = 0;
    };
    auto st = std::make_shared<State>();
    st->pattern = m_cache->keyspace().namespaceMatchPattern(ns, match);
    Pending<R> pending;
    QPointer<KeyBrowser> guard(this);

    // Gathers up to `count` keys over as many SCAN steps as it takes (bounded per request).
    // When a step returns more than fits, the page ends inside it: the cursor then names that
    // step's start and how many of its keys were already returned.
    auto step = std::make_shared<
        std::function<void(CacheBackend *, QByteArray, int, CacheBackend::Callback<bool>)>>();
    *step = [guard, st, step, count](CacheBackend *b, QByteArray from, int skipInStep,
                                     CacheBackend::Callback<bool> done) {
        b->scan(from, st->pattern, count, [=](Result<ScanPage> page) {
            if (!guard)
                return;
            if (!page.ok()) {
                done(Result<bool>::failure(page.error));
                return;
            }
            const QList<QByteArray> &got = page.value.keys;
            const int room = count - int(st->keys.size());
            const int available = qMax(0, int(got.size()) - skipInStep);
            if (available > room) {
                st->keys.append(got.mid(skipInStep, room));
                st->nextCursor =
                    encodeCursor(from.isEmpty() ? QByteArray("0") : from, skipInStep + room);
                done(Result<bool>::success(true));
                return;
            }
            st->keys.append(got.mid(skipInStep));
            ++st->rounds;
            if (page.value.cursor.isEmpty()) {
                st->nextCursor.clear();
                done(Result<bool>::success(true));
            } else if (int(st->keys.size()) >= count || st->rounds >= 32) {
                st->nextCursor = encodeCursor(page.value.cursor, 0);
                done(Result<bool>::success(true));
            } else {
                (*step)(b, page.value.cursor, 0, done);
            }
        });
    };
    m_cache->runWithFallback(
        [st, step, startCursor, skip](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            st->keys.clear();
            st->rounds = 0;
            (*step)(b, startCursor == "0" ? QByteArray() : startCursor, skip, std::move(cb));
        },
        [this, guard, pending, st, step, ns](Result<bool> r) mutable {
            *step = nullptr;
            if (!r.ok()) {
                pending.finish(R::failure(r.error));
                return;
            }
            KeyPage page{ns, {}, QString::fromLatin1(st->nextCursor)};
            if (st->keys.isEmpty()) {
                pending.finish(R::success(page));
                return;
            }
            active()->describe(st->keys,
                               [this, guard, pending, page](Result<QList<KeyInfo>> info) mutable {
                                   if (!guard)
                                       return;
                                   if (!info.ok()) {
                                       pending.finish(R::failure(info.error));
                                       return;
                                   }
                                   for (const KeyInfo &k : std::as_const(info.value))
                                       page.keys.append(listEntry(k));
                                   pending.finish(R::success(page));
                               });
        });
    return pending.future();
}

KeyListEntry KeyBrowser::listEntry(const KeyInfo &info) const {
    QString key;
    m_cache->keyspace().split(info.key, nullptr, &key);
    return {key,
            ttlSeconds(info.ttlMs),
            info.size,
            info.compressed,
            QString::fromLatin1(info.type),
            info.memory};
}

QFuture<Result<std::optional<EntryDetails>>> KeyBrowser::entry(const QString &key,
                                                               const QString &ns) {
    using R = Result<std::optional<EntryDetails>>;
    CacheError invalid = Keyspace::validateNamespace(ns);
    if (!invalid.isError())
        invalid = Keyspace::validateKey(key);
    if (invalid.isError())
        return failed<std::optional<EntryDetails>>(invalid);
    const QByteArray full = m_cache->keyspace().fullKey(ns, key);
    Pending<R> pending;
    QPointer<KeyBrowser> guard(this);
    auto info = std::make_shared<KeyInfo>();
    auto stored = std::make_shared<std::optional<QByteArray>>();
    m_cache->runWithFallback(
        [guard, full, info, stored](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            describeOne(
                b, full, guard, std::move(cb),
                [b, full, info, stored](const KeyInfo *found, CacheBackend::Callback<bool> finish) {
                    if (!found) {
                        stored->reset();
                        finish(Result<bool>::success(true));
                        return;
                    }
                    *info = *found;
                    if (info->type != "string") { // a hash, list... has no value to GET
                        stored->emplace();
                        finish(Result<bool>::success(true));
                        return;
                    }
                    b->get(full, [stored, finish = std::move(finish)](
                                     Result<std::optional<QByteArray>> got) {
                        if (!got.ok()) {
                            finish(Result<bool>::failure(got.error));
                            return;
                        }
                        *stored = std::move(got.value);
                        finish(Result<bool>::success(true));
                    });
                });
        },
        [pending, info, stored, key, ns](Result<bool> r) {
            if (!r.ok()) {
                pending.finish(R::failure(r.error));
                return;
            }
            if (!*stored) {
                pending.finish(R::success(std::nullopt));
                return;
            }
            const QByteArray &raw = **stored;
            EntryDetails details;
            details.ns = ns;
            details.key = key;
            details.ttlSeconds = ttlSeconds(info->ttlMs);
            details.type = QString::fromLatin1(info->type);
            details.memory = info->memory;
            if (info->type != "string") {
                details.size = info->size;
                pending.finish(R::success(std::move(details)));
                return;
            }
            Result<CacheValue> decoded = ValueCodec::decode(raw, &details.form);
            if (!decoded.ok()) {
                pending.finish(R::failure(decoded.error));
                return;
            }
            details.size = qint64(raw.size());
            details.compressed = ValueCodec::isCompressed(raw.left(8));
            details.value = std::move(decoded.value);
            details.stored = raw;
            pending.finish(R::success(std::move(details)));
        });
    return pending.future();
}

QFuture<Result<std::optional<CollectionView>>>
KeyBrowser::collection(const QString &key, const QString &ns, const QString &cursor, int count) {
    using R = Result<std::optional<CollectionView>>;
    CacheError invalid = Keyspace::validateNamespace(ns);
    if (!invalid.isError())
        invalid = Keyspace::validateKey(key);
    if (invalid.isError())
        return failed<std::optional<CollectionView>>(invalid);
    if (count < 1 || count > 1000)
        return failed<std::optional<CollectionView>>(CacheError::validation(
            QStringLiteral("count must be between 1 and 1000 (got %1)").arg(count)));
    const QByteArray full = m_cache->keyspace().fullKey(ns, key);
    const QByteArray from = cursor.toLatin1();
    Pending<R> pending;
    QPointer<KeyBrowser> guard(this);
    auto found = std::make_shared<std::optional<CollectionView>>();
    auto invalidRequest = std::make_shared<CacheError>();
    m_cache->runWithFallback(
        [guard, full, from, count, found, invalidRequest, key,
         ns](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            found->reset();
            *invalidRequest = CacheError{};
            describeOne(
                b, full, guard, std::move(cb),
                [=](const KeyInfo *described, CacheBackend::Callback<bool> finish) {
                    if (!described) {
                        finish(Result<bool>::success(true));
                        return;
                    }
                    const QByteArray type = described->type;
                    // Answered as a validation error, not a store failure: no fallback for it.
                    if (type == "string") {
                        *invalidRequest = CacheError::validation(QStringLiteral(
                            "the key holds a string: read it with GET .../keys/{key}"));
                        finish(Result<bool>::success(true));
                        return;
                    }
                    if (!validCollectionCursor(type, from)) {
                        *invalidRequest = CacheError::validation(QStringLiteral("invalid cursor"));
                        finish(Result<bool>::success(true));
                        return;
                    }
                    b->collectionPage(full, type, from, count, [=](Result<CollectionPage> page) {
                        if (!page.ok()) {
                            if (page.error.kind == ErrorKind::Validation) {
                                *invalidRequest = page.error;
                                finish(Result<bool>::success(true));
                            } else {
                                finish(Result<bool>::failure(page.error));
                            }
                            return;
                        }
                        found->emplace(CollectionView{ns, key, QString::fromLatin1(type),
                                                      std::move(page.value)});
                        finish(Result<bool>::success(true));
                    });
                });
        },
        [pending, found, invalidRequest](Result<bool> r) {
            if (!r.ok())
                pending.finish(R::failure(r.error));
            else if (invalidRequest->isError())
                pending.finish(R::failure(*invalidRequest));
            else
                pending.finish(R::success(*found));
        });
    return pending.future();
}

void KeyBrowser::describeAll(const QList<QByteArray> &keys,
                             std::function<void(Result<QList<KeyInfo>>)> done) {
    constexpr qsizetype Batch = 500; // commands per pipeline: 5 per key
    QPointer<KeyBrowser> guard(this);
    auto described = std::make_shared<QList<KeyInfo>>();
    auto step = std::make_shared<
        std::function<void(CacheBackend *, qsizetype, CacheBackend::Callback<bool>)>>();
    *step = [guard, keys, described, step](CacheBackend *b, qsizetype from,
                                           CacheBackend::Callback<bool> cb) {
        if (from >= keys.size()) {
            cb(Result<bool>::success(true));
            return;
        }
        b->describe(keys.mid(from, Batch), [=](Result<QList<KeyInfo>> r) {
            if (!guard)
                return;
            if (!r.ok()) {
                cb(Result<bool>::failure(r.error));
                return;
            }
            described->append(r.value);
            (*step)(b, from + Batch, cb);
        });
    };
    m_cache->runWithFallback(
        [step, described](CacheBackend *b, CacheBackend::Callback<bool> cb) {
            described->clear();
            (*step)(b, 0, std::move(cb));
        },
        [step, described, done = std::move(done)](Result<bool> r) {
            *step = nullptr;
            if (!r.ok())
                done(Result<QList<KeyInfo>>::failure(r.error));
            else
                done(Result<QList<KeyInfo>>::success(*described));
        });
}

QFuture<Result<BiggestKeys>> KeyBrowser::biggestKeys(const QString &ns, int top, int sampleLimit) {
    using R = Result<BiggestKeys>;
    if (CacheError e = Keyspace::validateNamespace(ns); e.isError())
        return failed<BiggestKeys>(e);
    if (top < 1 || top > 100)
        return failed<BiggestKeys>(CacheError::validation(
            QStringLiteral("top must be between 1 and 100 (got %1)").arg(top)));
    if (sampleLimit < 1 || sampleLimit > 100000)
        return failed<BiggestKeys>(CacheError::validation(
            QStringLiteral("sample must be between 1 and 100000 (got %1)").arg(sampleLimit)));
    Pending<R> pending;
    QPointer<KeyBrowser> guard(this);
    struct State {
        QSet<QByteArray> seen; // SCAN may return a key twice
        QList<QByteArray> keys;
        bool complete = true;
    };
    auto st = std::make_shared<State>();
    scanAll(
        m_cache->keyspace().namespaceMatchPattern(ns, {}),
        [st, sampleLimit](const QList<QByteArray> &keys) {
            for (const QByteArray &full : keys) {
                if (st->seen.contains(full))
                    continue;
                if (st->keys.size() >= sampleLimit) {
                    st->complete = false;
                    return false;
                }
                st->seen.insert(full);
                st->keys.append(full);
            }
            return true;
        },
        [st] { *st = State{}; },
        [this, guard, pending, st, ns, top, sampleLimit](Result<bool> r) {
            if (!guard)
                return;
            if (!r.ok()) {
                pending.finish(R::failure(r.error));
                return;
            }
            describeAll(st->keys, [this, guard, pending, st, ns, top,
                                   sampleLimit](Result<QList<KeyInfo>> described) {
                if (!guard)
                    return;
                if (!described.ok()) {
                    pending.finish(R::failure(described.error));
                    return;
                }
                QList<KeyInfo> &infos = described.value;
                // Memory when the store reports it; stored size otherwise.
                const auto weight = [](const KeyInfo &k) {
                    return k.memory >= 0 ? k.memory : k.size;
                };
                const qsizetype n = qMin<qsizetype>(top, infos.size());
                std::partial_sort(infos.begin(), infos.begin() + n, infos.end(),
                                  [&](const KeyInfo &a, const KeyInfo &b) {
                                      // Allocator size classes make memory figures
                                      // tie; the stored size then decides.
                                      if (weight(a) != weight(b))
                                          return weight(a) > weight(b);
                                      if (a.size != b.size)
                                          return a.size > b.size;
                                      return a.key < b.key;
                                  });
                BiggestKeys result;
                result.ns = ns;
                result.sampled = st->keys.size();
                result.sampleLimit = sampleLimit;
                result.complete = st->complete;
                for (qsizetype i = 0; i < n; ++i)
                    result.keys.append(listEntry(infos[i]));
                pending.finish(R::success(std::move(result)));
            });
        });
    return pending.future();
}

} // namespace qrc
