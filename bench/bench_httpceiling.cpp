// The ceiling of Qt HttpServer 6.4 on this machine: a plain QHttpServer whose routes answer
// fixed bytes from memory, no cache, no limiter. http-bench.sh runs it beside nginx so that
// the share of the gap that belongs to Qt's HTTP stack is measured, not guessed.
//
// Usage: bench_httpceiling --port N --item FILE --items FILE   (serves GET /items/1, GET /items)
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>

#include <cstdio>

namespace {

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

int main(int argc, char *argv[]) {
    // The same event dispatcher as cache-server (see server/main.cpp), so that the ceiling
    // measures the same Qt stack.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port."),
                                  QStringLiteral("port"));
    const QCommandLineOption item(QStringLiteral("item"), QStringLiteral("Body of /items/1."),
                                  QStringLiteral("file"));
    const QCommandLineOption items(QStringLiteral("items"), QStringLiteral("Body of /items."),
                                   QStringLiteral("file"));
    parser.addOptions({port, item, items});
    parser.process(app);

    const QByteArray itemBody = readAll(parser.value(item));
    const QByteArray itemsBody = readAll(parser.value(items));
    QHttpServer server;
    server.route(QStringLiteral("/items/1"), [itemBody] {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), itemBody);
    });
    server.route(QStringLiteral("/items"), [itemsBody] {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), itemsBody);
    });
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "bench_httpceiling: cannot listen\n");
        return 1;
    }
    return app.exec();
}
