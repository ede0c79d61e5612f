// Stored values as the cache reads them back (core/valuecodec): our envelope, gzip, the seed's
// "\0GZIP\0" + base64 form, foreign plain values, and corrupt or truncated forms of each.
#include "fuzzinput.h"
#include "valuecodec.h"

using namespace qrc;

namespace {

const QByteArray SeedMagic = QByteArrayLiteral("\0GZIP\0");

// Whatever decodes must survive our own encoding unchanged.
void checkRoundTrip(const CacheValue &value) {
    for (const bool compress : {false, true}) {
        const ValueCodec::Encoded encoded = ValueCodec::encode(value, {compress, 0});
        const Result<CacheValue> again = ValueCodec::decode(encoded.bytes);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(again.value.data == value.data);
        FUZZ_CHECK(again.value.contentType == value.contentType);
    }
}

void decodeAndCheck(const QByteArray &stored) {
    (void)ValueCodec::isCompressed(stored.left(8));
    const Result<CacheValue> decoded = ValueCodec::decode(stored);
    if (decoded.ok())
        checkRoundTrip(decoded.value);
    else
        FUZZ_CHECK(!decoded.error.message.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    // Byte 0 picks the form, byte 1 where a truncated copy is cut.
    const int form = data[0] % 4;
    const int cut = data[1];
    const QByteArray rest(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    QByteArray stored;
    switch (form) {
    case 0: // as stored by anyone
        stored = rest;
        break;
    case 1: // our gzip form around whatever envelope (or none) the input holds
        stored = ValueCodec::gzipCompress(rest);
        break;
    case 2: // the seed's compressed form
        stored = SeedMagic + ValueCodec::gzipCompress(rest).toBase64();
        break;
    default: { // a well-formed value of ours, carrying the input
        CacheValue value;
        value.data = rest;
        value.contentType = rest.left(cut % 32);
        value.storedAtMs = cut;
        value.attributes.append({rest.left(cut % 7), rest.right(cut % 11)});
        stored = ValueCodec::encode(value, {cut % 2 == 0, cut % 64}).bytes;
        const Result<CacheValue> back = ValueCodec::decode(stored);
        FUZZ_CHECK(back.ok());
        FUZZ_CHECK(back.value.data == value.data);
        FUZZ_CHECK(back.value.contentType == value.contentType);
        break;
    }
    }
    decodeAndCheck(stored);
    decodeAndCheck(stored.left(stored.size() * cut / 256));
    return 0;
}
