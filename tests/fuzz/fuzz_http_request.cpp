// cache-server's HTTP/1.1 request parser (server/http/httprequestparser, in qrc_http) on a
// connection's byte stream. It needs only the parser and Qt Core; tests/fuzz/CMakeLists.txt
// links it like every target (scripts/fuzz.sh 600 http_request runs it for ten minutes).
//
// The input is parsed twice: whole, and cut into pieces whose sizes come from the input's
// first bytes (as reads of a socket would cut it). Besides the sanitizers' findings, a
// property is violated when the two disagree (the framing must not depend on how the bytes
// arrive), when the parser claims bytes it was not given, or when a request breaks what the
// parser promises (a body of its Content-Length, a method and a path, parts terminated like
// any QByteArray, an error status 4xx/5xx with a detail).
#include "fuzzinput.h"
#include "httprequestparser.h"

#include <cstdint>

using qrc::HttpRequest;
using qrc::HttpRequestParser;

namespace {

struct Outcome {
    QList<HttpRequest> requests;
    int errorStatus = 0;
};

bool terminated(const QByteArray &part) {
    return part.constData()[part.size()] == '\0';
}

Outcome parseAll(QByteArrayView stream, QByteArrayView cuts) {
    HttpRequestParser::Limits limits;
    limits.maxHeadBytes = 4096; // small enough for the fuzzer to reach
    limits.maxBodyBytes = 1024;
    HttpRequestParser parser(limits);
    Outcome out;
    QByteArray buffer;
    qsizetype at = 0;
    qsizetype cut = 0;
    while (at < stream.size() && out.errorStatus == 0) {
        const qsizetype size =
            cuts.isEmpty() ? stream.size() : 1 + uchar(cuts[cut++ % cuts.size()]) % 64;
        buffer.append(stream.sliced(at, qMin(size, stream.size() - at)));
        at += size;
        for (;;) {
            qsizetype used = -1;
            const HttpRequestParser::Status status = parser.parse(buffer, &used);
            FUZZ_CHECK(used >= 0 && used <= buffer.size());
            buffer.remove(0, used);
            if (status == HttpRequestParser::Status::Request) {
                HttpRequest request = parser.takeRequest();
                FUZZ_CHECK(!request.method.isEmpty() && !request.path.isEmpty());
                // The parts share one copy of the head; each is terminated all the same.
                FUZZ_CHECK(terminated(request.method) && terminated(request.path) &&
                           terminated(request.query));
                for (const auto &[name, value] : std::as_const(request.headers))
                    FUZZ_CHECK(terminated(name) && terminated(value));
                const QByteArray length = request.header("content-length");
                FUZZ_CHECK(length.isEmpty() ||
                           request.body.size() == length.split(',').first().trimmed().toLongLong());
                out.requests.append(std::move(request));
                continue;
            }
            if (status == HttpRequestParser::Status::Failed) {
                out.errorStatus = parser.error().status;
                FUZZ_CHECK(out.errorStatus >= 400 && out.errorStatus < 600);
                FUZZ_CHECK(!parser.error().detail.isEmpty());
            }
            break;
        }
    }
    return out;
}

bool sameRequest(const HttpRequest &a, const HttpRequest &b) {
    return a.method == b.method && a.path == b.path && a.query == b.query &&
           a.minorVersion == b.minorVersion && a.headers == b.headers && a.body == b.body &&
           a.keepAlive == b.keepAlive && a.expectContinue == b.expectContinue;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    // First byte: how many of the following bytes describe the cuts (0-7).
    const qsizetype cutBytes = qMin<qsizetype>(data[0] % 8, qsizetype(size) - 1);
    const QByteArrayView cuts(reinterpret_cast<const char *>(data) + 1, cutBytes);
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1 + cutBytes,
                                qsizetype(size) - 1 - cutBytes);
    const Outcome whole = parseAll(stream, {});
    const Outcome pieces = parseAll(stream, cuts.isEmpty() ? QByteArrayView("\x01") : cuts);
    // Cut into pieces, a stream may stop earlier (a head over the limit is refused once it is
    // seen to be, whole or not), but what both parsed must be the same requests.
    const qsizetype common = qMin(whole.requests.size(), pieces.requests.size());
    for (qsizetype i = 0; i < common; ++i)
        FUZZ_CHECK(sameRequest(whole.requests.at(i), pieces.requests.at(i)));
    if (whole.errorStatus == 0 && pieces.errorStatus == 0)
        FUZZ_CHECK(whole.requests.size() == pieces.requests.size());
    if (whole.errorStatus != 0 && pieces.errorStatus != 0 &&
        whole.requests.size() == pieces.requests.size())
        FUZZ_CHECK(whole.errorStatus == pieces.errorStatus);
    return 0;
}
