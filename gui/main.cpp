#include "consolesettings.h"
#include "keyfilterproxymodel.h"
#include "keytreemodel.h"
#include "localization.h"
#include "mainwindow.h"
#include "trafficgenerator.h"
#include "valuepanel.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QHash>
#include <QIcon>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

namespace {

// Hidden options used by scripts/screenshots.sh for docs/images/: show a key, wait, grab the
// window.
void scheduleScreenshot(qrc::MainWindow *window, const QString &file, const QString &selectKey,
                        const QString &view, int delayMs) {
    const qsizetype slash = selectKey.indexOf(QLatin1Char('/'));
    const QString ns = selectKey.left(slash);
    const QString key = selectKey.mid(slash + 1);
    QTimer::singleShot(delayMs / 2, window, [window, ns] {
        const QModelIndex source = window->keyModel()->namespaceIndex(ns);
        window->keyView()->expand(window->keyProxy()->mapFromSource(source));
    });
    QTimer::singleShot(delayMs * 3 / 4, window, [window, ns, key] {
        const QModelIndex source = window->keyModel()->keyIndex(ns, key);
        if (!source.isValid())
            return;
        const QModelIndex index = window->keyProxy()->mapFromSource(source);
        window->keyView()->setCurrentIndex(index);
        window->keyView()->scrollTo(index, QAbstractItemView::PositionAtCenter);
    });
    // The value view to show (for the documentation's raw and tree views), once loaded.
    const QHash<QString, int> views{{QStringLiteral("raw"), qrc::ValuePanel::RawTab},
                                    {QStringLiteral("tree"), qrc::ValuePanel::TreeTab}};
    if (views.contains(view))
        QTimer::singleShot(delayMs * 7 / 8, window, [window, tab = views.value(view)] {
            window->valuePanel()->tabs()->setCurrentIndex(tab);
        });
    QTimer::singleShot(delayMs, window, [window, file] {
        if (!window->grab().save(file))
            std::fprintf(stderr, "cache-console: could not write %s\n", qPrintable(file));
        QApplication::quit();
    });
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication::setApplicationName(QStringLiteral("cache-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Cache Console"));
    QApplication::setOrganizationName(QStringLiteral("QtRedisCache"));
    QApplication::setApplicationVersion(QStringLiteral(QRC_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("cache-console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop console for a Qt Redis Cache server"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       QStringLiteral("Connect to the cache server at <url>."),
                                       QStringLiteral("url"));
    const QCommandLineOption tokenOption(QStringLiteral("token-file"),
                                         QStringLiteral("Read the admin token from <file>."),
                                         QStringLiteral("file"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("User interface language: en, de, zh_CN."),
                                        QStringLiteral("language"));
    const QCommandLineOption embeddedOption(
        QStringLiteral("embedded"),
        QStringLiteral("Start the embedded service and connect to it."));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QStringLiteral("Connect with the saved connection profile <name>."),
        QStringLiteral("name"));
    const QCommandLineOption readOnlyOption(QStringLiteral("read-only"),
                                            QStringLiteral("Start in read-only mode."));
    QCommandLineOption demoOption(QStringLiteral("demo-traffic"),
                                  QStringLiteral("Generate demo traffic once connected."));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to <file> and quit."),
                                        QStringLiteral("file"));
    QCommandLineOption selectOption(QStringLiteral("screenshot-select"),
                                    QStringLiteral("Key to select first, as namespace/key."),
                                    QStringLiteral("key"));
    QCommandLineOption viewOption(QStringLiteral("screenshot-view"),
                                  QStringLiteral("Value view to show: raw or tree."),
                                  QStringLiteral("view"));
    QCommandLineOption delayOption(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds before the screenshot."),
                                   QStringLiteral("ms"), QStringLiteral("8000"));
    QCommandLineOption embeddedRedisOption(
        QStringLiteral("embedded-redis"),
        QStringLiteral("With --embedded: use the Redis at <host:port> instead of memory."),
        QStringLiteral("host:port"));
    QCommandLineOption sizeOption(QStringLiteral("window-size"),
                                  QStringLiteral("Window size as <width>x<height>."),
                                  QStringLiteral("size"));
    for (QCommandLineOption *hidden : {&screenshotOption, &selectOption, &viewOption, &delayOption,
                                       &demoOption, &sizeOption, &embeddedRedisOption})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({urlOption, tokenOption, profileOption, langOption, embeddedOption,
                       readOnlyOption, demoOption, screenshotOption, selectOption, viewOption,
                       delayOption, sizeOption, embeddedRedisOption});
    // The command line is read before QApplication exists: QApplication needs a display, and
    // `--help`, `--version` or a mistyped option must work without one (on a server, over ssh).
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "cache-console: %s (see --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")) ||
        parser.isSet(QStringLiteral("version"))) {
        QCoreApplication core(argc, argv);
        parser.process(core); // prints the text and exits
    }

    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/cache-console.svg")));

    qrc::Localization localization;
    const QString lang = parser.value(langOption);
    if (!lang.isEmpty() && !qrc::Localization::languages().contains(lang)) {
        std::fprintf(stderr, "cache-console: unknown language %s (use en, de or zh_CN)\n",
                     qPrintable(lang));
        return 2;
    }
    localization.load(lang);

    QString token;
    if (parser.isSet(tokenOption)) {
        QString error;
        const std::optional<QString> read = qrc::readTokenFile(parser.value(tokenOption), &error);
        if (!read) {
            std::fprintf(stderr, "cache-console: cannot read %s: %s\n",
                         qPrintable(parser.value(tokenOption)), qPrintable(error));
            return 2;
        }
        token = *read;
    }

    qrc::MainWindow window;
    window.restoreLayout();
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resizeForLayout(QSize(wh[0].toInt(), wh[1].toInt()));
    }
    window.show();

    const qrc::ConsoleSettings settings;
    bool started = true;
    if (parser.isSet(profileOption)) {
        if (!settings.profile(parser.value(profileOption))) {
            std::fprintf(stderr, "cache-console: no profile named %s\n",
                         qPrintable(parser.value(profileOption)));
            return 2;
        }
        started = window.connectToProfile(parser.value(profileOption));
    } else if (parser.isSet(embeddedOption)) {
        qrc::ConnectionRequest request;
        if (parser.isSet(embeddedRedisOption)) {
            const QString hostPort = parser.value(embeddedRedisOption);
            request.embeddedRedis = true;
            request.redisHost = hostPort.section(QLatin1Char(':'), 0, -2);
            request.redisPort = hostPort.section(QLatin1Char(':'), -1).toInt();
        }
        started = window.startEmbedded(request);
    } else if (parser.isSet(urlOption)) {
        window.connectTo(QUrl::fromUserInput(parser.value(urlOption)), token);
    } else if (settings.lastWasEmbedded()) {
        started = window.startEmbedded();
    } else if (settings.profile(settings.lastProfile())) {
        started = window.connectToProfile(settings.lastProfile());
    } else if (!settings.lastUrl().isEmpty()) {
        const auto recent = settings.recentConnections();
        const auto it = std::find_if(recent.cbegin(), recent.cend(),
                                     [&](const auto &c) { return c.url == settings.lastUrl(); });
        window.connectTo(QUrl(settings.lastUrl()), it != recent.cend() ? it->token : QString());
    } else {
        // First start: nothing to connect to yet. The dialog offers the embedded service.
        QTimer::singleShot(0, &window, [&window] { window.showConnectionDialog(); });
    }
    // After connecting: a profile sets read-only its own way; --read-only wins for this run.
    if (parser.isSet(readOnlyOption))
        window.setReadOnly(true);
    if (!started)
        QTimer::singleShot(0, &window, [&window] { window.showConnectionDialog(); });

    if (parser.isSet(demoOption))
        window.trafficGenerator()->start();
    if (parser.isSet(screenshotOption))
        scheduleScreenshot(&window, parser.value(screenshotOption), parser.value(selectOption),
                           parser.value(viewOption), parser.value(delayOption).toInt());
    return app.exec();
}
