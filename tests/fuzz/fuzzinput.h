#pragma once

// Shared by the fuzz targets: cutting one input into fields, and checking a property.

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace qrc::fuzz {

// The input as NUL-separated fields, padded with empty ones up to `count` (the last field
// keeps any further NULs), so that seed files stay readable text: "ini\0dotenv\0args".
inline QList<QByteArray> fields(const uint8_t *data, size_t size, int count) {
    const QByteArray all(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QByteArray> out;
    qsizetype from = 0;
    while (out.size() < count - 1) {
        const qsizetype nul = all.indexOf('\0', from);
        if (nul < 0)
            break;
        out.append(all.mid(from, nul - from));
        from = nul + 1;
    }
    out.append(from <= all.size() ? all.mid(from) : QByteArray());
    while (out.size() < count)
        out.append(QByteArray());
    return out;
}

} // namespace qrc::fuzz

// A property the parser promises; a violation is a finding like a crash.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__,             \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
