// Bytes from Redis through the reader, cut into reads the way a socket cuts them, every reply
// taken as RedisConnection takes them (core/respreader).
#include "fuzzinput.h"
#include "respreader.h"

using namespace qrc;

namespace {

qsizetype walk(const RedisReply &reply, int depth) {
    FUZZ_CHECK(depth < 64);
    qsizetype bytes = reply.string.size();
    for (const RedisReply &e : reply.elements)
        bytes += walk(e, depth + 1);
    return bytes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    // The first byte is the read size (0: everything at once).
    const size_t chunk = data[0] == 0 ? size : data[0];
    ++data;
    --size;
    RespReader reader;
    bool failed = false;
    for (size_t at = 0; at < size && !failed; at += chunk) {
        const size_t n = std::min(chunk, size - at);
        if (!reader.feed(QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(n)))) {
            failed = true;
            break;
        }
        for (;;) {
            RedisReply reply;
            const RespReader::Status status = reader.next(&reply);
            if (status == RespReader::Status::NeedMore)
                break;
            if (status == RespReader::Status::Error) {
                failed = true;
                FUZZ_CHECK(!reader.errorString().isEmpty());
                break;
            }
            walk(reply, 0);
        }
    }
    // A failed reader stays failed: the stream has lost its framing.
    if (failed) {
        RedisReply reply;
        FUZZ_CHECK(reader.next(&reply) == RespReader::Status::Error);
        FUZZ_CHECK(!reader.feed("+OK\r\n"));
    }
    return 0;
}
