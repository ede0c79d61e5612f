// Key layout and the glob matching of key listing (`match`), which the memory backend
// evaluates itself and must agree with Redis' SCAN MATCH.
#include "keyspace.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QTest>

using namespace qrc;

class TestKeyspace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void globMatchesLikeRedis_data() {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star backtracks") << QByteArray("*ab*c") << QByteArray("aabxabc") << true;
        QTest::newRow("star needs the end") << QByteArray("*ab") << QByteArray("abab") << true;
        QTest::newRow("star no end") << QByteArray("*ab") << QByteArray("abax") << false;
        QTest::newRow("stars and ?") << QByteArray("*a?b*") << QByteArray("xxaxbyy") << true;
        QTest::newRow("later start") << QByteArray("*aab") << QByteArray("aaaab") << true;
        QTest::newRow("two stars, no match")
            << QByteArray("*a*a*b") << QByteArray("aaaaaaaa") << false;
        QTest::newRow("class after star") << QByteArray("*[0-9]x") << QByteArray("ab7x") << true;
        QTest::newRow("escaped star") << QByteArray("a\\**") << QByteArray("a*bc") << true;
        QTest::newRow("escaped star literal") << QByteArray("a\\**") << QByteArray("abc") << false;
        QTest::newRow("empty text") << QByteArray("*") << QByteArray() << true;
        QTest::newRow("only stars need nothing") << QByteArray("**?") << QByteArray() << false;
    }
    void globMatchesLikeRedis() {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, text);
        QFETCH(bool, matches);
        QCOMPARE(Keyspace::globMatch(pattern, text), matches);
    }

    // The same answers as Redis' own SCAN MATCH on the same keys.
    void globAgreesWithRedisScanMatch() {
        test::RedisServer redis;
        QVERIFY2(redis.attachShared(), qPrintable(redis.lastError()));
        const QByteArray prefix = "qrc-test-keyspace-glob:";
        const QList<QByteArray> keys{"aabxabc", "abab", "abax", "xxaxbyy", "aaaab", "aaaaaaaa",
                                     "ab7x",    "a*bc", "abc",  "k1x",     "k[1]"};
        const QList<QByteArray> patterns{"*ab*c", "*ab",      "*a?b*", "*aab", "*a*a*b", "*[0-9]x",
                                         "a\\**", "k[^0-2]*", "k\\[*", "*",    "?b*"};
        for (const QByteArray &k : keys)
            QCOMPARE(redis.command({"SET", prefix + k, "1"}), QByteArray("OK"));
        for (const QByteArray &pattern : patterns) {
            QByteArray scan =
                redis.command({"SCAN", "0", "MATCH", prefix + pattern, "COUNT", "1000"});
            QList<QByteArray> fromRedis = scan.split('\n').mid(1);
            fromRedis.removeAll(QByteArray());
            std::sort(fromRedis.begin(), fromRedis.end());
            QList<QByteArray> ours;
            for (const QByteArray &k : keys)
                if (Keyspace::globMatch(prefix + pattern, prefix + k))
                    ours.append(prefix + k);
            std::sort(ours.begin(), ours.end());
            QVERIFY2(ours == fromRedis, pattern.constData());
        }
        for (const QByteArray &k : keys)
            redis.command({"DEL", prefix + k});
    }

    // Found while writing tests/fuzz/fuzz_keyspace: each '*' retried the rest of the pattern
    // at every position, so a handful of stars against a long key took exponential time (a
    // key listing with such a `match` on the memory backend held the event loop).
    void globWithManyStarsAnswersInLinearTime() {
        const QByteArray text = QByteArray(1000, 'a');
        const QByteArray pattern = QByteArray("*a").repeated(200) + "*b";
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!Keyspace::globMatch(pattern, text));
        QVERIFY(Keyspace::globMatch(QByteArray("*a").repeated(200) + '*', text));
        QCOMPARE_LT(timer.elapsed(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestKeyspace)
#include "tst_keyspace.moc"
