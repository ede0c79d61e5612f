#pragma once

#include "cacheerror.h"
#include "cachevalue.h"

#include <QByteArray>
#include <QHash>

namespace qrc {

// Decoded forms of recently read entries. Parsing an entry costs more than the rest of a
// memory HIT (and inflating a compressed 8 KB one tens of microseconds); comparing the stored
// bytes with the memo's costs a hash lookup and a memcmp. An entry is reused only when the
// stored bytes are still the same bytes: the memory backend hands out the very buffer it
// stores (compared by pointer: it cannot be freed and reused while the memo holds it), Redis
// fresh copies (compared by content). Stale entries are therefore never served, and the memo
// needs no invalidation.
class DecodedMemo {
public:
    // ValueCodec::decode(raw), reused from the memo when `full` was decoded from these bytes.
    Result<CacheValue> decode(const QByteArray &full, const QByteArray &raw);

private:
    struct Entry {
        QByteArray raw;
        CacheValue value;
    };
    static constexpr int MaxEntries = 1024;
    static constexpr qint64 MaxBytes = 32ll * 1024 * 1024;

    QHash<QByteArray, Entry> m_entries;
    qint64 m_bytes = 0;
    int m_refusals = 0;
};

} // namespace qrc
