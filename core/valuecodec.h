#pragma once

#include "cacheerror.h"
#include "cachevalue.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace qrc {

// The stored form of a CacheValue.
//
//   stored   := gzip(envelope) | envelope            (gzip only when enabled, at least
//                                                     `threshold` bytes, and smaller)
//   envelope := "\0QRC\1" u8 fieldCount { u8 nameLen name u32be valueLen value } data
//               | data                               (foreign writers, e.g. the seed)
//
// Reading also accepts the seed's compressed format "\0GZIP\0" + base64(gzip(data)), so a
// Redis shared with the Python app reads back correctly.
//
// The seed wire format (CACHE_WIRE_FORMAT=seed) writes what the Python seed library writes:
//   stored   := "\0GZIP\0" base64(gzip(data)) | data
// The body only: content type, stored-at time and attributes are not kept, so the Python
// service (which json.loads() the body) can read every value written in it.
namespace ValueCodec {

enum class WireFormat { Native, Seed };

struct Options {
    bool compressionEnabled = true;
    int compressionThreshold = 1024;
    WireFormat format = WireFormat::Native;
};

// "native" / "seed" (the setting's values); nullopt for anything else.
std::optional<WireFormat> wireFormatFromName(const QString &name);

// How stored bytes are laid out, so that a viewer can say what it shows.
enum class Compression { None, Gzip, SeedGzipBase64 };
struct StoredForm {
    bool framed = false; // the QRC envelope (written by this library); false: plain bytes
    Compression compression = Compression::None;
};

struct Encoded {
    QByteArray bytes;
    bool compressed = false;
};

Encoded encode(const CacheValue &value, const Options &options);
// `form`, when given, receives how the bytes were stored.
Result<CacheValue> decode(const QByteArray &stored, StoredForm *form = nullptr);

// True when the stored bytes (or their first bytes) are compressed in either format.
bool isCompressed(const QByteArray &storedPrefix);

QByteArray gzipCompress(const QByteArray &data, int level = 6);
Result<QByteArray> gzipDecompress(const QByteArray &data);

} // namespace ValueCodec
} // namespace qrc
