// JSON bodies of the HTTP API as the routes parse them: the management API's
// PUT /cache/namespaces/{ns}/keys/{key}/ttl (parseTtlBody) and the demo item routes'
// POST/PUT /items (DemoItemInput::parse).
#include "demostore.h"
#include "fuzzinput.h"
#include "keyroutes.h"

#include <cmath>

using namespace qrc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const std::optional<qint64> ttl = parseTtlBody(body))
        FUZZ_CHECK(*ttl >= 1);

    DemoItemInput item;
    const std::optional<QString> problem = DemoItemInput::parse(body, &item);
    if (problem) {
        FUZZ_CHECK(!problem->isEmpty());
    } else {
        FUZZ_CHECK(!item.name.isEmpty() && item.name.size() <= 200);
        FUZZ_CHECK(item.price >= 0 && std::isfinite(item.price));
    }
    return 0;
}
