// Names that arrive in URLs and settings (core/keyspace): namespace, key and prefix validation,
// the layout of full keys, and the glob patterns of key listing ("match"), which the memory
// backend evaluates itself. Input: "prefix\0namespace\0key\0glob".
#include "fuzzinput.h"
#include "keyspace.h"

using namespace qrc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QList<QByteArray> parts = fuzz::fields(data, size, 4);
    const QString prefix = QString::fromUtf8(parts[0]);
    const QString ns = QString::fromUtf8(parts[1]);
    const QString key = QString::fromUtf8(parts[2]);
    const QString glob = QString::fromUtf8(parts[3]);

    // Whatever the text, escaping it makes a pattern that matches exactly it.
    FUZZ_CHECK(Keyspace::globMatch(Keyspace::escapeGlob(parts[2]), parts[2]));
    (void)Keyspace::globMatch(parts[3], parts[2]);

    const bool prefixOk = !Keyspace::validatePrefix(prefix).isError();
    const bool nsOk = !Keyspace::validateNamespace(ns).isError();
    const bool keyOk = !Keyspace::validateKey(key).isError();
    const bool globOk = glob.isEmpty() || !Keyspace::validateKey(glob).isError();
    if (!prefixOk || !nsOk || !keyOk)
        return 0;

    const Keyspace keyspace(prefix);
    const QByteArray full = keyspace.fullKey(ns, key);
    FUZZ_CHECK(full.size() <= 128 + 1 + Keyspace::MaxNamespaceLength + 1 + Keyspace::MaxKeyBytes);
    QString splitNs, splitKey;
    FUZZ_CHECK(keyspace.split(full, &splitNs, &splitKey));
    FUZZ_CHECK(splitNs == ns && splitKey == key);
    // Listing or clearing a namespace reaches every key in it, and nothing outside the prefix.
    FUZZ_CHECK(Keyspace::globMatch(keyspace.namespacePattern(ns), full));
    FUZZ_CHECK(Keyspace::globMatch(keyspace.allPattern(), full));
    if (globOk) {
        const QByteArray pattern = keyspace.namespaceMatchPattern(ns, glob);
        if (Keyspace::globMatch(pattern, full))
            FUZZ_CHECK(full.startsWith(keyspace.namespacePrefix(ns)));
    }
    return 0;
}
