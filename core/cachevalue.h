#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace qrc {

// What the cache stores for one key: the bytes, what they are, and when they were stored.
// `attributes` carries small metadata for layers above the core (the HTTP route wrappers keep
// the status code and ETag there); names are short ASCII, values are bytes.
struct CacheValue {
    QByteArray data;
    QByteArray contentType; // empty when unspecified
    qint64 storedAtMs = 0;  // set by CacheManager when stored; 0 when unknown (foreign writer)
    QList<std::pair<QByteArray, QByteArray>> attributes;

    QByteArray attribute(const QByteArray &name) const {
        for (const auto &[n, v] : attributes)
            if (n == name)
                return v;
        return {};
    }
    void setAttribute(const QByteArray &name, const QByteArray &value) {
        for (auto &[n, v] : attributes)
            if (n == name) {
                v = value;
                return;
            }
        attributes.append({name, value});
    }
};

} // namespace qrc
