#pragma once

#include "settings.h"

#include <QString>

namespace qrc {

// REDIS_URL: `redis://[[user]:password@]host[:port][/db]`, `rediss://...` (TLS) and
// `unix://[[user]:password@]/path/redis.sock[?db=N]`, the forms redis-py accepts. Special
// characters in the user or password are percent-encoded.
class RedisUrl {
public:
    // Sets host, port, db, ssl and the socket path from `url`, and the user and password when
    // the URL carries them. Returns what is wrong with the URL (never its password), or an
    // empty string; `settings` is unchanged on failure.
    static QString apply(const QString &url, RedisSettings &settings);
    // The URL with its password replaced by "***", for logs and error messages.
    static QString redacted(const QString &url);
};

} // namespace qrc
