#include "decodedmemo.h"

#include "valuecodec.h"

namespace qrc {

Result<CacheValue> DecodedMemo::decode(const QByteArray &full, const QByteArray &raw) {
    const auto it = m_entries.find(full);
    if (it != m_entries.end() && it->raw.size() == raw.size()) {
        if (it->raw.constData() == raw.constData())
            return Result<CacheValue>::success(it->value);
        if (it->raw == raw) {
            // The same bytes in another buffer (a later Redis reply, now held by the near
            // cache): keep that one, so that the next reads compare pointers, not bytes.
            it->raw = raw;
            return Result<CacheValue>::success(it->value);
        }
    }
    Result<CacheValue> decoded = ValueCodec::decode(raw);
    const qint64 cost = raw.size() + decoded.value.data.size();
    if (!decoded.ok() || cost > MaxBytes / 8)
        return decoded;
    if (it != m_entries.end()) {
        m_bytes -= it->raw.size() + it->value.data.size();
        m_entries.erase(it);
    }
    // Full: new entries are not admitted, so that reading more distinct keys than the memo
    // holds costs a failed lookup, not an insertion and eviction per read. It is emptied after
    // many refusals, to follow a hot set that moves.
    if (m_entries.size() >= MaxEntries || m_bytes + cost > MaxBytes) {
        if (++m_refusals < 4 * MaxEntries)
            return decoded;
        m_entries.clear();
        m_bytes = 0;
        m_refusals = 0;
    }
    m_entries.insert(full, Entry{raw, decoded.value});
    m_bytes += cost;
    return decoded;
}

} // namespace qrc
