#include "valueformatter.h"

#include <QTest>

using namespace qrc;
using ValueFormatter::Format;

class tst_ValueFormatter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonIsDetectedAndPrettyPrinted() {
        const auto r = ValueFormatter::render(R"({"a":1,"b":[true,null]})", Format::Auto, {}, -1);
        QCOMPARE(r.format, Format::Json);
        QVERIFY(r.text.contains(QStringLiteral("\n    \"a\": 1")));
        QVERIFY(!r.truncated);
    }

    // Issue 16, fault 5: the JSON shown is the JSON stored, indented, nothing rewritten.
    void jsonIsShownAsStoredWithoutSortingOrRewritingNumbers() {
        const QByteArray stored = "{\"zeta\":\"a, b: {c}\",\"price\":19.990,"
                                  "\"big\":12345678901234567890,\"e\":[],\"q\":\"\\\"x\"}";
        const auto r = ValueFormatter::render(stored, Format::Json, {}, -1);
        QCOMPARE(r.format, Format::Json);
        QCOMPARE(r.text, QStringLiteral("{\n    \"zeta\": \"a, b: {c}\",\n    \"price\": 19.990,\n"
                                        "    \"big\": 12345678901234567890,\n    \"e\": [],\n"
                                        "    \"q\": \"\\\"x\"\n}"));
    }

    void escapedTextKeepsUtf8AndEscapesEveryOtherByte() {
        QCOMPARE(ValueFormatter::escapedText(QByteArray("caf\xc3\xa9 \\ \x01\xff\xc3\n\tok")),
                 QStringLiteral("caf\u00e9 \\x5c \\x01\\xff\\xc3\n\tok"));
        QCOMPARE(ValueFormatter::escapedText("abcdef", 3), QStringLiteral("abc"));
        QCOMPARE(ValueFormatter::escapedText(QByteArray("\xe2\x82", 2)),
                 QStringLiteral("\\xe2\\x82")); // a sequence cut short
    }

    void jsonContentTypeWinsOverGuessing() {
        QCOMPARE(ValueFormatter::detect("42", "application/json"), Format::Json);
        QCOMPARE(ValueFormatter::detect("42", {}), Format::Text);
    }

    void invalidJsonRequestedAsJsonFallsBackToText() {
        const auto r = ValueFormatter::render("{not json", Format::Json, {}, -1);
        QCOMPARE(r.format, Format::Text);
        QCOMPARE(r.text, QStringLiteral("{not json"));
    }

    void binaryDataIsShownAsHexDump() {
        const QByteArray data("\x00\x01\x02GIF\xff", 7);
        const auto r = ValueFormatter::render(data, Format::Auto, {}, -1);
        QCOMPARE(r.format, Format::Hex);
        QVERIFY(r.text.startsWith(QStringLiteral("00000000  00 01 02 47 49 46 ff")));
        QVERIFY(r.text.contains(QStringLiteral("|...GIF.|")));
    }

    void utf8TextStaysText() {
        const QByteArray data = QStringLiteral("Grüße aus 北京").toUtf8();
        const auto r = ValueFormatter::render(data, Format::Auto, {}, -1);
        QCOMPARE(r.format, Format::Text);
        QCOMPARE(r.text, QStringLiteral("Grüße aus 北京"));
    }

    void largeValuesAreCutAtTheLimitAndSayso() {
        const QByteArray big(500000, 'x');
        const auto cut = ValueFormatter::render(big, Format::Text, {}, 1000);
        QVERIFY(cut.truncated);
        QCOMPARE(cut.text.size(), 1000);
        const auto all = ValueFormatter::render(big, Format::Text, {}, -1);
        QVERIFY(!all.truncated);
        QCOMPARE(all.text.size(), 500000);

        const auto hex = ValueFormatter::render(big, Format::Hex, {}, 7800);
        QVERIFY(hex.truncated);
        QCOMPARE(hex.text.count(QLatin1Char('\n')), 100);
    }
};

QTEST_GUILESS_MAIN(tst_ValueFormatter)
#include "tst_valueformatter.moc"
