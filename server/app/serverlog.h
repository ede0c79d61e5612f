#pragma once

#include <QString>

namespace qrc {

struct AppSettings;

// Log output of cache-server: one line per message on stderr and, with LOG_TO_FILE, in a
// size-rotated file (LOG_FILE, LOG_FILE.1 .. .3). LOG_LEVEL picks the least severe level
// shown; DEBUG=true shows everything.
namespace ServerLog {

constexpr qint64 MaxFileBytes = 5 * 1024 * 1024;
constexpr int KeptFiles = 3;

// False with a reason when the log file cannot be opened (logging continues on stderr).
// `maxFileBytes` is the size at which the file is rotated.
bool install(const AppSettings &settings, QString *error = nullptr,
             qint64 maxFileBytes = MaxFileBytes);

} // namespace ServerLog
} // namespace qrc
