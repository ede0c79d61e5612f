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

    // Replies are built in place while hiredis parses: a nested array cut at every byte must
    // come out whole, in order, and the next reply must not inherit anything of it.
    void nestedArraysCutAtEveryByteArriveWholeAndSeparate() {
        const QByteArray stream = "*3\r\n*2\r\n$1\r\na\r\n*0\r\n:-7\r\n*2\r\n$-1\r\n-ERR x\r\n"
                                  "$5\r\nhello\r\n";
        for (qsizetype cut = 1; cut <= stream.size(); ++cut) {
            RespReader reader;
            QList<RedisReply> replies;
            for (qsizetype at = 0; at < stream.size(); at += cut) {
                QVERIFY(reader.feed(QByteArrayView(stream.mid(at, cut))));
                RedisReply r;
                while (reader.next(&r) == RespReader::Status::Reply)
                    replies.append(r);
            }
            QCOMPARE(replies.size(), 2);
            const RedisReply &outer = replies[0];
            QCOMPARE(outer.type, RedisReply::Type::Array);
            QCOMPARE(outer.elements.size(), 3);
            QCOMPARE(outer.elements[0].elements.size(), 2);
            QCOMPARE(outer.elements[0].elements[0].string, QByteArray("a"));
            QCOMPARE(outer.elements[0].elements[1].type, RedisReply::Type::Array);
            QVERIFY(outer.elements[0].elements[1].elements.isEmpty());
            QCOMPARE(outer.elements[1].integer, -7);
            QVERIFY(outer.elements[2].elements[0].isNil());
            QVERIFY(outer.elements[2].elements[1].isError());
            QCOMPARE(outer.elements[2].elements[1].string, QByteArray("ERR x"));
            QCOMPARE(replies[1].type, RedisReply::Type::String);
            QCOMPARE(replies[1].string, QByteArray("hello"));
            QVERIFY(replies[1].elements.isEmpty());
        }
    }

    void malformedBytesInsideAnArrayFailTheReader() {
        RespReader reader;
        QVERIFY(reader.feed("*2\r\n:1\r\n?bad\r\n"));
        RedisReply r;
        QCOMPARE(reader.next(&r), RespReader::Status::Error);
        QVERIFY(!reader.errorString().isEmpty());
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
