// Stored format: envelope, gzip only when it pays, the seed's format, corrupt input.
#include "keyspace.h"
#include "valuecodec.h"

#include <QTest>

using namespace qrc;

class TestValueCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void envelopeRoundTripsMetadata() {
        CacheValue v{"body", "application/json", 1234, {{"status", "201"}, {"etag", "\"ab\""}}};
        const auto enc = ValueCodec::encode(v, {false, 0});
        QVERIFY(!enc.compressed);
        const auto dec = ValueCodec::decode(enc.bytes);
        QVERIFY(dec.ok());
        QCOMPARE(dec.value.data, v.data);
        QCOMPARE(dec.value.contentType, v.contentType);
        QCOMPARE(dec.value.storedAtMs, 1234);
        QCOMPARE(dec.value.attribute("status"), QByteArray("201"));
        QCOMPARE(dec.value.attribute("etag"), QByteArray("\"ab\""));
    }

    void compressesAtThresholdOnlyWhenSmaller() {
        const QByteArray text = QByteArray("abcdefgh").repeated(200);
        const auto below = ValueCodec::encode({text, {}, 0, {}}, {true, 100000});
        QVERIFY(!below.compressed);
        const auto above = ValueCodec::encode({text, {}, 0, {}}, {true, 100});
        QVERIFY(above.compressed);
        QVERIFY(ValueCodec::isCompressed(above.bytes));
        QVERIFY(above.bytes.size() < below.bytes.size());
        QCOMPARE(ValueCodec::decode(above.bytes).value.data, text);
        const auto off = ValueCodec::encode({text, {}, 0, {}}, {false, 0});
        QVERIFY(!off.compressed);
    }

    void decodeTellsHowTheBytesWereStored() {
        const QByteArray text = QByteArray("abcdefgh").repeated(200);
        ValueCodec::StoredForm form;
        QVERIFY(ValueCodec::decode(ValueCodec::encode({text, {}, 0, {}}, {true, 100}).bytes, &form)
                    .ok());
        QVERIFY(form.framed);
        QCOMPARE(form.compression, ValueCodec::Compression::Gzip);
        QVERIFY(ValueCodec::decode(ValueCodec::encode({text, {}, 0, {}}, {false, 0}).bytes, &form)
                    .ok());
        QVERIFY(form.framed);
        QCOMPARE(form.compression, ValueCodec::Compression::None);
        const QByteArray seed =
            QByteArray("\0GZIP\0", 6) + ValueCodec::gzipCompress("{\"a\":1}").toBase64();
        QCOMPARE(ValueCodec::decode(seed, &form).value.data, QByteArray("{\"a\":1}"));
        QVERIFY(!form.framed);
        QCOMPARE(form.compression, ValueCodec::Compression::SeedGzipBase64);
        QVERIFY(ValueCodec::decode("plain", &form).ok());
        QVERIFY(!form.framed);
        QCOMPARE(form.compression, ValueCodec::Compression::None);
    }

    void foreignPlainBytesDecodeAsThemselves() {
        const auto dec = ValueCodec::decode("{\"plain\": true}");
        QVERIFY(dec.ok());
        QCOMPARE(dec.value.data, QByteArray("{\"plain\": true}"));
        QVERIFY(dec.value.contentType.isEmpty());
    }

    void seedFormatIsRecognised() {
        const QByteArray json = "[1,2,3]";
        const QByteArray seed =
            QByteArray("\0GZIP\0", 6) + ValueCodec::gzipCompress(json).toBase64();
        QVERIFY(ValueCodec::isCompressed(seed));
        QCOMPARE(ValueCodec::decode(seed).value.data, json);
    }

    void seedWireFormatStoresTheBodyAsTheSeedDoes() {
        const QByteArray json = R"({"a": [1, 2, 3]})";
        const ValueCodec::Options seed{true, 1024, ValueCodec::WireFormat::Seed};
        const auto plain = ValueCodec::encode({json, "application/json", 99, {{"k", "v"}}}, seed);
        QVERIFY(!plain.compressed);
        QCOMPARE(plain.bytes, json);

        const QByteArray big = QByteArray(R"({"x": "abcdefgh"},)").repeated(200);
        const auto packed = ValueCodec::encode({big, {}, 0, {}}, seed);
        QVERIFY(packed.compressed);
        QVERIFY(packed.bytes.startsWith(QByteArray("\0GZIP\0", 6)));
        const auto b64 = QByteArray::fromBase64Encoding(packed.bytes.mid(6),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(b64);
        QCOMPARE(ValueCodec::gzipDecompress(*b64).value, big);
        QCOMPARE(ValueCodec::decode(packed.bytes).value.data, big);
    }

    void corruptInputIsASerializationErrorNotACrash_data() {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = ValueCodec::gzipCompress(QByteArray("x").repeated(1000));
        QTest::newRow("bad deflate")
            << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", 18);
        QTest::newRow("truncated gzip") << good.left(good.size() / 2);
        QTest::newRow("seed bad base64") << QByteArray("\0GZIP\0!!!!", 10);
        QTest::newRow("seed bad gzip")
            << QByteArray("\0GZIP\0", 6) + QByteArray("hello").toBase64();
        QTest::newRow("envelope cut") << QByteArray("\0QRC\1\3\2ct", 9);
        QTest::newRow("envelope huge length") << QByteArray("\0QRC\1\1\2ct\xff\xff\xff\xff", 13);
    }
    void corruptInputIsASerializationErrorNotACrash() {
        QFETCH(QByteArray, bytes);
        const auto dec = ValueCodec::decode(bytes);
        QVERIFY(!dec.ok());
        QCOMPARE(dec.error.kind, ErrorKind::Serialization);
    }

    void globEscapingKeepsNamespacesApart() {
        Keyspace ks("app");
        QCOMPARE(ks.namespacePattern("it"), QByteArray("app:it:*"));
        QVERIFY(Keyspace::globMatch(ks.namespacePattern("it"), "app:it:1"));
        QVERIFY(!Keyspace::globMatch(ks.namespacePattern("it"), "app:items:1"));
        QCOMPARE(Keyspace::escapeGlob("a*b?[c]\\"), QByteArray("a\\*b\\?\\[c\\]\\\\"));
        QVERIFY(Keyspace::globMatch(Keyspace::escapeGlob("a*b?[c]\\"), "a*b?[c]\\"));
        QVERIFY(!Keyspace::globMatch(Keyspace::escapeGlob("a*"), "ab"));
        QVERIFY(Keyspace::globMatch("k[0-2]?", "k1x"));
        QVERIFY(!Keyspace::globMatch("k[^0-2]", "k1"));
        QString ns, key;
        QVERIFY(ks.split("app:items:a:b", &ns, &key));
        QCOMPARE(ns, QString("items"));
        QCOMPARE(key, QString("a:b"));
        QVERIFY(!ks.split("apple:items:a", &ns, &key));
    }
};

QTEST_GUILESS_MAIN(TestValueCodec)
#include "tst_valuecodec.moc"
