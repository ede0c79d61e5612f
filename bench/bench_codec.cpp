// ValueCodec encode/decode throughput of an ~8 KB JSON body (GET /items of 100 demo items),
// as a ratio to zlib's gzip called directly on the same body in the same run.
#include "benchsupport.h"

#include "valuecodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

using namespace qrc;
using namespace qrc::bench;

namespace {

// The shape the demo store serves: id, name, description, price.
QByteArray itemsBody(int count) {
    QJsonArray items;
    for (int i = 1; i <= count; ++i)
        items.append(QJsonObject{
            {QStringLiteral("id"), i},
            {QStringLiteral("name"), QStringLiteral("Item %1").arg(i)},
            {QStringLiteral("description"), QStringLiteral("Demo item number %1").arg(i)},
            {QStringLiteral("price"), i * 1.25}});
    return QJsonDocument(items).toJson(QJsonDocument::Compact);
}

// The least a gzip round trip can cost: one deflate/inflate stream per value into a buffer that
// is already the right size.
qsizetype zlibGzip(const QByteArray &in, QByteArray &out) {
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    const auto produced = qsizetype(zs.total_out);
    deflateEnd(&zs);
    return produced;
}

qsizetype zlibGunzip(const QByteArray &in, QByteArray &out) {
    z_stream zs{};
    inflateInit2(&zs, 15 + 16);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    inflate(&zs, Z_FINISH);
    const auto produced = qsizetype(zs.total_out);
    inflateEnd(&zs);
    return produced;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = quickMode();
    const double seconds = quick ? 0.15 : 0.5;
    const int rounds = quick ? 3 : 5;
    Report report(QStringLiteral("codec"));

    const QByteArray body = itemsBody(100);
    CacheValue value{body,
                     "application/json",
                     QDateTime::currentMSecsSinceEpoch(),
                     {{"status", "200"}, {"etag", "\"5f3a9c\""}}};
    const ValueCodec::Options options; // defaults: compression on, threshold 1 KB
    const ValueCodec::Encoded encoded = ValueCodec::encode(value, options);
    QByteArray zbuf(body.size() + 1024, Qt::Uninitialized);
    const QByteArray zipped = zbuf.left(zlibGzip(body, zbuf));
    QByteArray plain(body.size() + 1024, Qt::Uninitialized);

    report.section(QStringLiteral("gzip of a %1-byte JSON body (100 demo items)").arg(body.size()));
    report.note(QStringLiteral("ValueCodec stores %1 bytes (compressed: %2); zlib alone: %3 bytes")
                    .arg(encoded.bytes.size())
                    .arg(encoded.compressed ? QStringLiteral("yes") : QStringLiteral("no"))
                    .arg(zipped.size()));
    if (ValueCodec::decode(encoded.bytes).value.data != body ||
        plain.left(zlibGunzip(zipped, plain)) != body) {
        report.note(QStringLiteral("ERROR: round trip does not reproduce the body"));
        return 1;
    }

    const double mb = double(body.size()) / (1024.0 * 1024.0);
    QList<double> codecEnc, zlibEnc, codecDec, zlibDec;
    for (int r = 0; r < rounds; ++r) {
        zlibEnc.append(mb * opsPerSecond(
                                [&](int n) {
                                    for (int k = 0; k < n; ++k)
                                        consume(zlibGzip(body, zbuf));
                                },
                                seconds, 16));
        codecEnc.append(mb * opsPerSecond(
                                 [&](int n) {
                                     for (int k = 0; k < n; ++k)
                                         consume(ValueCodec::encode(value, options).bytes.size());
                                 },
                                 seconds, 16));
        zlibDec.append(mb * opsPerSecond(
                                [&](int n) {
                                    for (int k = 0; k < n; ++k)
                                        consume(zlibGunzip(zipped, plain));
                                },
                                seconds, 64));
        codecDec.append(mb *
                        opsPerSecond(
                            [&](int n) {
                                for (int k = 0; k < n; ++k)
                                    consume(ValueCodec::decode(encoded.bytes).value.data.size());
                            },
                            seconds, 64));
    }
    report.ratio(QStringLiteral("ValueCodec::encode (gzip)"), median(codecEnc),
                 QStringLiteral("MB/s"), QStringLiteral("zlib deflate"), median(zlibEnc));
    report.ratio(QStringLiteral("ValueCodec::decode (gunzip)"), median(codecDec),
                 QStringLiteral("MB/s"), QStringLiteral("zlib inflate"), median(zlibDec));
    return 0;
}
