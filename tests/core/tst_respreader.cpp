// The parser of Redis' bytes (core/respreader), as RedisConnection feeds it from its socket.
#include "respreader.h"

#include <QTest>

using namespace qrc;

class TestRespReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void repliesSplitAcrossReadsArriveWhole() {
        RespReader reader;
        const QByteArray stream = "+OK\r\n*2\r\n$3\r\nfoo\r\n:42\r\n$-1\r\n";
        QList<RedisReply> replies;
        for (char c : stream) {
            QVERIFY(reader.feed(QByteArrayView(&c, 1)));
            RedisReply r;
            while (reader.next(&r) == RespReader::Status::Reply)
                replies.append(r);
        }
        QCOMPARE(replies.size(), 3);
        QCOMPARE(replies[0].type, RedisReply::Type::Status);
        QCOMPARE(replies[1].elements.size(), 2);
        QCOMPARE(replies[1].elements[0].string, QByteArray("foo"));
        QCOMPARE(replies[1].elements[1].integer, 42);
        QVERIFY(replies[2].isNil());
    }

    void malformedBytesFailTheReaderForGood() {
        RespReader reader;
        QVERIFY(reader.feed("?what\r\n"));
        RedisReply r;
        QCOMPARE(reader.next(&r), RespReader::Status::Error);
        QVERIFY(!reader.errorString().isEmpty());
        QVERIFY(!reader.feed("+OK\r\n"));
        QCOMPARE(reader.next(&r), RespReader::Status::Error);
    }

    // Found by tests/fuzz/fuzz_redis_reply (corpus/redis_reply/oom-*): hiredis allocated the
    // element table of "*1000000000" (8 GB) before any element arrived.
    void hugeArrayCountIsRefusedBeforeAllocating_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("top level") << QByteArray("*1000000000\r\n");
        QTest::newRow("nested") << QByteArray("*1\r\n*2147483647\r\n");
    }
    void hugeArrayCountIsRefusedBeforeAllocating() {
        QFETCH(QByteArray, bytes);
        RespReader reader;
        QVERIFY(reader.feed(bytes));
        RedisReply r;
        QCOMPARE(reader.next(&r), RespReader::Status::Error);
        QVERIFY2(reader.errorString().contains(QStringLiteral("refused")),
                 qPrintable(reader.errorString()));
    }

    void largestAllowedArrayStillParses() {
        RespReader reader;
        QByteArray bytes = "*" + QByteArray::number(RespReader::MaxArrayElements) + "\r\n";
        bytes += QByteArray(":1\r\n").repeated(RespReader::MaxArrayElements);
        QVERIFY(reader.feed(bytes));
        RedisReply r;
        QCOMPARE(reader.next(&r), RespReader::Status::Reply);
        QCOMPARE(r.elements.size(), RespReader::MaxArrayElements);
    }
};

QTEST_GUILESS_MAIN(TestRespReader)
#include "tst_respreader.moc"
