#include "valuecodec.h"

#include <QtEndian>

#include <zlib.h>

namespace qrc::ValueCodec {

namespace {
const QByteArray EnvelopeMagic = QByteArrayLiteral("\0QRC\1");
const QByteArray SeedGzipMagic = QByteArrayLiteral("\0GZIP\0");

bool isGzip(const QByteArray &bytes) {
    return bytes.size() >= 2 && uchar(bytes[0]) == 0x1f && uchar(bytes[1]) == 0x8b;
}

// Reserved field names inside the envelope; attributes are stored with an "x-" prefix so that
// they can never collide with these.
constexpr char FieldContentType[] = "ct";
constexpr char FieldStoredAt[] = "at";

void appendField(QByteArray &out, const QByteArray &name, const QByteArray &value) {
    out += char(quint8(name.size()));
    out += name;
    char len[4];
    qToBigEndian<quint32>(quint32(value.size()), len);
    out.append(len, 4);
    out += value;
}

QByteArray envelope(const CacheValue &value) {
    int fields = 0;
    QByteArray header;
    if (!value.contentType.isEmpty()) {
        appendField(header, FieldContentType, value.contentType);
        ++fields;
    }
    if (value.storedAtMs > 0) {
        appendField(header, FieldStoredAt, QByteArray::number(value.storedAtMs));
        ++fields;
    }
    for (const auto &[name, v] : value.attributes) {
        if (fields == 255 || name.size() > 250)
            break;
        appendField(header, "x-" + name, v);
        ++fields;
    }
    QByteArray out;
    out.reserve(EnvelopeMagic.size() + 1 + header.size() + value.data.size());
    out += EnvelopeMagic;
    out += char(quint8(fields));
    out += header;
    out += value.data;
    return out;
}

Result<CacheValue> parseEnvelope(const QByteArray &bytes, StoredForm *form) {
    CacheValue value;
    if (form)
        form->framed = bytes.startsWith(EnvelopeMagic);
    if (!bytes.startsWith(EnvelopeMagic)) {
        value.data = bytes; // written by someone else (the seed stores plain JSON text)
        return Result<CacheValue>::success(std::move(value));
    }
    const auto corrupt = [] {
        return Result<CacheValue>::failure(
            CacheError::serialization(QStringLiteral("corrupt cache entry header")));
    };
    qsizetype pos = EnvelopeMagic.size();
    if (pos >= bytes.size())
        return corrupt();
    const int fields = quint8(bytes[pos++]);
    value.attributes.reserve(fields);
    for (int i = 0; i < fields; ++i) {
        if (pos >= bytes.size())
            return corrupt();
        const int nameLen = quint8(bytes[pos++]);
        if (pos + nameLen + 4 > bytes.size())
            return corrupt();
        // Views, not copies: this runs on every cache hit.
        const QByteArrayView name(bytes.constData() + pos, nameLen);
        pos += nameLen;
        const quint32 valueLen = qFromBigEndian<quint32>(bytes.constData() + pos);
        pos += 4;
        if (valueLen > quint32(bytes.size() - pos))
            return corrupt();
        const QByteArrayView v(bytes.constData() + pos, qsizetype(valueLen));
        pos += qsizetype(valueLen);
        if (name == FieldContentType)
            value.contentType = v.toByteArray();
        else if (name == FieldStoredAt)
            value.storedAtMs = v.toLongLong();
        else if (name.startsWith("x-"))
            value.attributes.append({name.sliced(2).toByteArray(), v.toByteArray()});
    }
    value.data = bytes.mid(pos);
    return Result<CacheValue>::success(std::move(value));
}
} // namespace

QByteArray gzipCompress(const QByteArray &data, int level) {
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper, which is what the seed and `gzip` produce.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto produced = qsizetype(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.resize(produced);
    return out;
}

Result<QByteArray> gzipDecompress(const QByteArray &data) {
    using R = Result<QByteArray>;
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) // +32: accept gzip or zlib headers
        return R::failure(CacheError::serialization(QStringLiteral("zlib initialisation failed")));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    QByteArray out;
    out.resize(qMax<qsizetype>(data.size() * 4, 256));
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (zs.total_out == uLong(out.size()))
            out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - qsizetype(zs.total_out));
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
            break; // truncated input: no progress possible
        if (rc == Z_BUF_ERROR)
            rc = Z_OK; // output buffer full: grow and go on
    }
    const auto produced = qsizetype(zs.total_out);
    const bool trailing = zs.avail_in != 0;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || trailing)
        return R::failure(CacheError::serialization(
            QStringLiteral("corrupt compressed cache entry (%1)")
                .arg(rc == Z_STREAM_END ? QStringLiteral("trailing data")
                                        : QString::fromLatin1(zError(rc)))));
    out.resize(produced);
    return R::success(std::move(out));
}

bool isCompressed(const QByteArray &storedPrefix) {
    return isGzip(storedPrefix) || storedPrefix.startsWith(SeedGzipMagic);
}

std::optional<WireFormat> wireFormatFromName(const QString &name) {
    if (name == u"native")
        return WireFormat::Native;
    if (name == u"seed")
        return WireFormat::Seed;
    return std::nullopt;
}

Encoded encode(const CacheValue &value, const Options &options) {
    const bool seed = options.format == WireFormat::Seed;
    Encoded result{seed ? value.data : envelope(value), false};
    if (options.compressionEnabled && result.bytes.size() >= options.compressionThreshold) {
        QByteArray packed = gzipCompress(result.bytes);
        if (seed && !packed.isEmpty())
            packed = SeedGzipMagic + packed.toBase64();
        if (!packed.isEmpty() && packed.size() < result.bytes.size()) {
            result.bytes = std::move(packed);
            result.compressed = true;
        }
    }
    return result;
}

Result<CacheValue> decode(const QByteArray &stored, StoredForm *form) {
    if (isGzip(stored)) {
        if (form)
            form->compression = Compression::Gzip;
        Result<QByteArray> plain = gzipDecompress(stored);
        if (!plain.ok())
            return Result<CacheValue>::failure(plain.error);
        return parseEnvelope(plain.value, form);
    }
    if (stored.startsWith(SeedGzipMagic)) {
        if (form)
            form->compression = Compression::SeedGzipBase64;
        const auto b64 = QByteArray::fromBase64Encoding(stored.mid(SeedGzipMagic.size()),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        if (!b64)
            return Result<CacheValue>::failure(CacheError::serialization(
                QStringLiteral("corrupt seed-format entry: invalid base64")));
        Result<QByteArray> plain = gzipDecompress(*b64);
        if (!plain.ok())
            return Result<CacheValue>::failure(plain.error);
        return parseEnvelope(plain.value, form);
    }
    if (form)
        form->compression = Compression::None;
    return parseEnvelope(stored, form);
}

} // namespace qrc::ValueCodec
