#pragma once

#include "cacheerror.h"
#include "settings.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace qrc {

struct LoadedConfig {
    Settings settings;
    bool helpRequested = false;    // --help / -h
    bool versionRequested = false; // --version / -v
    QString helpText;              // every option, its environment variable and its default
    QStringList sources;           // files read, for the start-up log (".env", "cache.ini")
};

// Reads Settings from, in decreasing precedence: the command line, the environment, a .env
// file (--env-file, else ./.env when present), an INI file (--config), and the defaults. Every
// setting is declared once in a table that drives all four sources and the help text.
//
// An invalid value is an error whose message names the setting and the offending value, in
// one line ("REDIS_PORT: 70000 is not a valid port (1-65535)"); secrets are never echoed.
class ConfigLoader {
public:
    // `arguments` includes the program name first, as QCoreApplication::arguments().
    static Result<LoadedConfig>
    load(const QStringList &arguments,
         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // The settings as text for logs, with passwords and tokens replaced by "***".
    static QString redactedSummary(const Settings &settings);

    // An INI file listing every setting commented out with its default, generated from the
    // same table as the help text (the packaged /etc file).
    static QString sampleIni();
};

} // namespace qrc
