// Build-time tool (not installed): renders the application's scalable icon into the PNG sizes
// of the hicolor theme, for desktops and software centres that do not read SVG icons. The SVG
// stays the one source; the PNGs are made from it on every build, never kept in the tree.
//
// Usage: qrc-rendericons <icon.svg> <output dir> <size>...
//        writes <output dir>/<size>x<size>/cache-console.png for each size

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: qrc-rendericons <icon.svg> <output dir> <size>...\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "qrc-rendericons: %s is not a valid SVG file\n",
                     qPrintable(args.at(1)));
        return 1;
    }
    const QString name = QFileInfo(args.at(1)).completeBaseName() + QStringLiteral(".png");
    for (const QString &arg : args.mid(3)) {
        bool ok = false;
        const int size = arg.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "qrc-rendericons: bad size %s\n", qPrintable(arg));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2").arg(args.at(2)).arg(size);
        if (!QDir().mkpath(dir) || !image.save(dir + u'/' + name, "PNG")) {
            std::fprintf(stderr, "qrc-rendericons: cannot write %s/%s\n", qPrintable(dir),
                         qPrintable(name));
            return 1;
        }
    }
    return 0;
}
