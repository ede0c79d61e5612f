#include "bulkdelete.h"

#include <QPointer>

namespace qrc::bulkdelete {

namespace {

constexpr int Batch = 500;

// Every step checks that the backend still exists: its owner may be destroyed while a round
// trip is in flight, and the backend then fails what is pending.
void scanFrom(QPointer<CacheBackend> backend, QByteArray pattern, QByteArray cursor,
              qint64 removedSoFar, std::shared_ptr<QList<QByteArray>> removedKeys,
              CacheBackend::Callback<qint64> done) {
    if (!backend)
        return;
    backend->scan(cursor, pattern, Batch, [=](Result<ScanPage> page) {
        if (!backend)
            return;
        if (!page.ok()) {
            done(Result<qint64>::failure(page.error));
            return;
        }
        auto next = [=](qint64 removed) {
            if (page.value.cursor.isEmpty())
                done(Result<qint64>::success(removed));
            else
                scanFrom(backend, pattern, page.value.cursor, removed, removedKeys, done);
        };
        if (page.value.keys.isEmpty()) {
            next(removedSoFar);
            return;
        }
        backend->remove(page.value.keys, [=](Result<qint64> r) {
            if (!backend)
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

void patternsFrom(QPointer<CacheBackend> backend, QList<QByteArray> patterns, qint64 removedSoFar,
                  CacheBackend::Callback<qint64> done) {
    if (patterns.isEmpty()) {
        done(Result<qint64>::success(removedSoFar));
        return;
    }
    const QByteArray pattern = patterns.takeFirst();
    scanFrom(backend, pattern, {}, 0, nullptr, [=](Result<qint64> r) {
        if (!r.ok())
            done(r);
        else
            patternsFrom(backend, patterns, removedSoFar + r.value, done);
    });
}

void keysFrom(QPointer<CacheBackend> backend, QList<QByteArray> keys, qsizetype from,
              qint64 removedSoFar, CacheBackend::Callback<qint64> done) {
    if (!backend)
        return;
    if (from >= keys.size()) {
        done(Result<qint64>::success(removedSoFar));
        return;
    }
    backend->remove(keys.mid(from, Batch), [=](Result<qint64> r) {
        if (!backend)
            return;
        if (!r.ok())
            done(r);
        else
            keysFrom(backend, keys, from + Batch, removedSoFar + r.value, done);
    });
}

} // namespace

void byPattern(CacheBackend *backend, const QByteArray &pattern,
               std::shared_ptr<QList<QByteArray>> removedKeys,
               CacheBackend::Callback<qint64> done) {
    scanFrom(backend, pattern, {}, 0, std::move(removedKeys), std::move(done));
}

void byPatterns(CacheBackend *backend, QList<QByteArray> patterns,
                CacheBackend::Callback<qint64> done) {
    patternsFrom(backend, std::move(patterns), 0, std::move(done));
}

void keys(CacheBackend *backend, QList<QByteArray> keys, CacheBackend::Callback<qint64> done) {
    keysFrom(backend, std::move(keys), 0, 0, std::move(done));
}

} // namespace qrc::bulkdelete
