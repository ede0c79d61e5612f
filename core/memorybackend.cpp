#include "memorybackend.h"

#include "keyspace.h"
#include "valuecodec.h"

#include <QElapsedTimer>

namespace qrc {

namespace {
// Approximate bookkeeping per entry (map node, hash slot, list links), so that many tiny
// entries cannot exceed the byte bound unnoticed.
constexpr qint64 EntryOverhead = 96;
constexpr int SweepBudget = 2000;

qint64 monotonicMs() {
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

// The literal part of a glob before its first special character, to seek in the ordered map.
QByteArray literalPrefix(const QByteArray &pattern) {
    QByteArray out;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '*' || c == '?' || c == '[')
            break;
        if (c == '\\') {
            if (++i < pattern.size())
                out += pattern[i];
            continue;
        }
        out += c;
    }
    return out;
}
} // namespace

MemoryBackend::MemoryBackend(Limits limits, QObject *parent)
    : CacheBackend(parent)
    , m_limits(limits)
    , m_clock(monotonicMs) {
    m_sweepTimer.setInterval(1000);
    connect(&m_sweepTimer, &QTimer::timeout, this, [this] { purgeExpired(SweepBudget); });
    m_sweepTimer.start();
}

MemoryBackend::~MemoryBackend() = default;

void MemoryBackend::setClock(Clock clock) {
    m_clock = std::move(clock);
}

qint64 MemoryBackend::costOf(const QByteArray &key, const QByteArray &value) {
    return key.size() + value.size() + EntryOverhead;
}

void MemoryBackend::unlink(Entry *e) {
    (e->lruPrev ? e->lruPrev->lruNext : m_lruHead) = e->lruNext;
    (e->lruNext ? e->lruNext->lruPrev : m_lruTail) = e->lruPrev;
    e->lruPrev = e->lruNext = nullptr;
}

void MemoryBackend::touch(Entry *e) {
    if (m_lruHead == e)
        return;
    if (e->lruPrev || e->lruNext || m_lruTail == e)
        unlink(e);
    e->lruNext = m_lruHead;
    if (m_lruHead)
        m_lruHead->lruPrev = e;
    m_lruHead = e;
    if (!m_lruTail)
        m_lruTail = e;
}

void MemoryBackend::erase(Map::iterator it) {
    Entry &e = it->second;
    unlink(&e);
    m_bytes -= costOf(it->first, e.value);
    m_index.remove(it->first);
    m_entries.erase(it);
}

MemoryBackend::Entry *MemoryBackend::lookup(const QByteArray &key) {
    const auto found = m_index.constFind(key);
    if (found == m_index.cend())
        return nullptr;
    Map::iterator it = *found;
    if (it->second.expiresAtMs && it->second.expiresAtMs <= m_clock()) {
        erase(it);
        return nullptr;
    }
    return &it->second;
}

const QByteArray *MemoryBackend::find(const QByteArray &key) {
    Entry *e = lookup(key);
    if (!e)
        return nullptr;
    touch(e);
    return &e->value;
}

void MemoryBackend::evictIfNeeded(const Entry *keep) {
    qint64 evictedCount = 0;
    while ((qint64(m_index.size()) > m_limits.maxEntries || m_bytes > m_limits.maxBytes) &&
           m_lruTail && m_lruTail != keep) {
        erase(m_entries.find(*m_lruTail->key));
        ++evictedCount;
    }
    if (evictedCount)
        Q_EMIT evicted(evictedCount);
}

int MemoryBackend::purgeExpired(int budget) {
    // Walks the ordered map round-robin, `budget` entries per call, so that a large store is
    // swept in bounded slices without stalling the event loop.
    const qint64 now = m_clock();
    int removed = 0;
    auto it = m_sweepCursor.isEmpty() ? m_entries.begin() : m_entries.upper_bound(m_sweepCursor);
    for (int examined = 0; examined < budget && it != m_entries.end(); ++examined) {
        m_sweepCursor = it->first;
        if (it->second.expiresAtMs && it->second.expiresAtMs <= now) {
            erase(it++);
            ++removed;
        } else {
            ++it;
        }
    }
    if (it == m_entries.end())
        m_sweepCursor.clear();
    return removed;
}

void MemoryBackend::removeAll() {
    m_index.clear();
    m_entries.clear();
    m_lruHead = m_lruTail = nullptr;
    m_bytes = 0;
    m_sweepCursor.clear();
}

void MemoryBackend::get(const QByteArray &key, Callback<std::optional<QByteArray>> done) {
    const QByteArray *value = find(key);
    done(Result<std::optional<QByteArray>>::success(value ? std::optional(*value) : std::nullopt));
}

void MemoryBackend::set(const QByteArray &key, const QByteArray &value, qint64 ttlSeconds,
                        Callback<bool> done) {
    const qint64 cost = costOf(key, value);
    if (cost > m_limits.maxBytes) {
        done(Result<bool>::failure(CacheError::validation(
            QStringLiteral("value of %1 bytes exceeds the memory backend's limit of %2 bytes")
                .arg(value.size())
                .arg(m_limits.maxBytes))));
        return;
    }
    auto found = m_index.constFind(key);
    Entry *e;
    if (found != m_index.cend()) {
        Map::iterator it = *found;
        m_bytes -= costOf(it->first, it->second.value);
        e = &it->second;
        e->value = value;
    } else {
        auto [it, inserted] = m_entries.emplace(key, Entry{value});
        Q_UNUSED(inserted);
        e = &it->second;
        e->key = &it->first;
        m_index.insert(key, it);
    }
    m_bytes += cost;
    e->expiresAtMs = ttlSeconds > 0 ? m_clock() + ttlSeconds * 1000 : 0;
    touch(e);
    evictIfNeeded(e);
    done(Result<bool>::success(true));
}

void MemoryBackend::remove(const QList<QByteArray> &keys, Callback<qint64> done) {
    qint64 removed = 0;
    for (const QByteArray &key : keys) {
        if (lookup(key)) {
            erase(m_entries.find(key));
            ++removed;
        }
    }
    done(Result<qint64>::success(removed));
}

void MemoryBackend::exists(const QList<QByteArray> &keys, Callback<qint64> done) {
    qint64 count = 0;
    for (const QByteArray &key : keys)
        count += lookup(key) ? 1 : 0;
    done(Result<qint64>::success(count));
}

void MemoryBackend::ttl(const QByteArray &key, Callback<qint64> done) {
    const Entry *e = lookup(key);
    if (!e)
        done(Result<qint64>::success(-2));
    else if (!e->expiresAtMs)
        done(Result<qint64>::success(-1));
    else
        done(Result<qint64>::success(qMax<qint64>(0, e->expiresAtMs - m_clock())));
}

void MemoryBackend::expire(const QByteArray &key, qint64 seconds, Callback<bool> done) {
    Entry *e = lookup(key);
    if (!e) {
        done(Result<bool>::success(false));
        return;
    }
    if (seconds <= 0) { // as in Redis: a non-positive expiry deletes the key
        erase(m_entries.find(key));
    } else {
        e->expiresAtMs = m_clock() + seconds * 1000;
    }
    done(Result<bool>::success(true));
}

void MemoryBackend::scan(const QByteArray &cursor, const QByteArray &pattern, int count,
                         Callback<ScanPage> done) {
    // The cursor is '>' followed by the last key examined; the map is ordered by key.
    const QByteArray literal = literalPrefix(pattern);
    Map::iterator it;
    if (cursor.isEmpty() || cursor == "0") {
        it = m_entries.lower_bound(literal);
    } else if (cursor.startsWith('>')) {
        const QByteArray last = cursor.mid(1);
        it = last < literal ? m_entries.lower_bound(literal) : m_entries.upper_bound(last);
    } else {
        done(Result<ScanPage>::failure(
            CacheError::validation(QStringLiteral("invalid memory scan cursor"))));
        return;
    }
    const qint64 now = m_clock();
    ScanPage page;
    int examined = 0;
    const int budget = qMax(1, count);
    QByteArray lastExamined;
    while (it != m_entries.end() && examined < budget) {
        if (!it->first.startsWith(literal)) {
            it = m_entries.end(); // past every key that can match
            break;
        }
        lastExamined = it->first;
        ++examined;
        const bool live = !it->second.expiresAtMs || it->second.expiresAtMs > now;
        if (live && Keyspace::globMatch(pattern, it->first))
            page.keys.append(it->first);
        ++it;
    }
    if (it != m_entries.end() && it->first.startsWith(literal))
        page.cursor = '>' + lastExamined;
    done(Result<ScanPage>::success(std::move(page)));
}

void MemoryBackend::describe(const QList<QByteArray> &keys, Callback<QList<KeyInfo>> done) {
    QList<KeyInfo> out;
    out.reserve(keys.size());
    const qint64 now = m_clock();
    for (const QByteArray &key : keys) {
        const Entry *e = lookup(key);
        if (!e)
            continue;
        out.append(KeyInfo{key, e->expiresAtMs ? qMax<qint64>(0, e->expiresAtMs - now) : -1,
                           e->value.size(), ValueCodec::isCompressed(e->value.left(8)), "string",
                           costOf(key, e->value)});
    }
    done(Result<QList<KeyInfo>>::success(std::move(out)));
}

void MemoryBackend::collectionPage(const QByteArray &, const QByteArray &type, const QByteArray &,
                                   int, Callback<CollectionPage> done) {
    done(Result<CollectionPage>::failure(
        CacheError::validation(QStringLiteral("the memory backend holds strings only, not a %1")
                                   .arg(QString::fromLatin1(type)))));
}

void MemoryBackend::ping(Callback<qint64> done) {
    done(Result<qint64>::success(0));
}

} // namespace qrc
