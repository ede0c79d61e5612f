#include "chartscale.h"

#include <QTest>

#include <cmath>

using namespace qrc;

class tst_ChartScale : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepsAreOneTwoOrFiveTimesAPowerOfTen_data() {
        QTest::addColumn<double>("span");
        QTest::addColumn<int>("intervals");
        QTest::addColumn<double>("step");
        QTest::newRow("100/4") << 100.0 << 4 << 25.0 * 2; // 25 is not nice: 50
        QTest::newRow("100/5") << 100.0 << 5 << 20.0;
        QTest::newRow("7/4") << 7.0 << 4 << 2.0;
        QTest::newRow("8/4") << 8.0 << 4 << 2.0;
        QTest::newRow("9/4") << 9.0 << 4 << 5.0;
        QTest::newRow("0.3/3") << 0.3 << 3 << 0.1;
        QTest::newRow("1234/4") << 1234.0 << 4 << 500.0;
        QTest::newRow("45000/4") << 45000.0 << 4 << 20000.0;
        QTest::newRow("empty") << 0.0 << 4 << 1.0;
    }
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        QFETCH(double, span);
        QFETCH(int, intervals);
        QFETCH(double, step);
        QCOMPARE(niceStep(span, intervals), step);
    }

    void rangeTopIsAMultipleOfItsStepAndCoversTheValue_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("step");
        QTest::newRow("below the minimum") << 0.4 << 6.0 << 2.0;
        QTest::newRow("17") << 17.0 << 20.0 << 5.0;
        QTest::newRow("41") << 41.0 << 60.0 << 20.0;
        QTest::newRow("95") << 95.0 << 100.0 << 50.0;
        QTest::newRow("1230") << 1230.0 << 1500.0 << 500.0;
    }
    void rangeTopIsAMultipleOfItsStepAndCoversTheValue() {
        QFETCH(double, value);
        QFETCH(double, top);
        QFETCH(double, step);
        const NiceRange r = niceRangeFromZero(value, 4, 5.0);
        QCOMPARE(r.top, top);
        QCOMPARE(r.step, step);
        QVERIFY(r.top >= value);
        QVERIFY(r.top / r.step <= 4.0);
    }

    void everyRangeUpToAMillionHasFewIntervalsOfANiceStep() {
        for (double v = 0.1; v < 1e6; v *= 1.37) {
            const NiceRange r = niceRangeFromZero(v, 4, 1.0);
            QVERIFY2(r.top >= v, qPrintable(QString::number(v)));
            const double intervals = r.top / r.step;
            QVERIFY2(intervals <= 4.0 + 1e-9 && std::abs(intervals - std::round(intervals)) < 1e-9,
                     qPrintable(QString::number(v)));
            const double mantissa = r.step / std::pow(10.0, std::floor(std::log10(r.step)));
            QVERIFY2(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0) ||
                         qFuzzyCompare(mantissa, 5.0),
                     qPrintable(QString::number(r.step)));
        }
    }

    void timeStepsAreWholeSecondsAndMinutes_data() {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("intervals");
        QTest::addColumn<qint64>("step");
        QTest::newRow("1 min / 4") << qint64(60000) << 4 << qint64(15000);
        QTest::newRow("1 min / 6") << qint64(60000) << 6 << qint64(10000);
        QTest::newRow("5 min / 4") << qint64(300000) << 4 << qint64(120000);
        QTest::newRow("5 min / 5") << qint64(300000) << 5 << qint64(60000);
        QTest::newRow("15 min / 4") << qint64(900000) << 4 << qint64(300000);
        QTest::newRow("60 min / 4") << qint64(3600000) << 4 << qint64(900000);
        QTest::newRow("60 min / 2") << qint64(3600000) << 2 << qint64(1800000);
    }
    void timeStepsAreWholeSecondsAndMinutes() {
        QFETCH(qint64, span);
        QFETCH(int, intervals);
        QFETCH(qint64, step);
        QCOMPARE(niceTimeStepMs(span, intervals), step);
    }

    void timeTicksFallOnMultiplesOfTheStepOfTheLocalClock() {
        // 10:00:07.300 .. 10:01:07.300 UTC with 15 s steps: :15, :30, :45, :00 of the minute.
        const qint64 from = (10 * 3600 + 7) * 1000 + 300;
        const QList<qint64> ticks = timeTicks(from, from + 60000, 15000);
        QCOMPARE(ticks.size(), 4);
        QCOMPARE(ticks.first(), qint64((10 * 3600 + 15) * 1000));
        for (qint64 t : ticks)
            QCOMPARE(t % 15000, qint64(0));
        // A zone 5:45 ahead of UTC: the 15-minute ticks are :00/:15/... of its clock.
        const qint64 offset = (5 * 60 + 45) * 60 * 1000;
        const QList<qint64> local = timeTicks(0, 3600000, 900000, offset);
        for (qint64 t : local)
            QCOMPARE((t + offset) % 900000, qint64(0));
        QCOMPARE(local.size(), 5); // both ends included
    }
};

QTEST_GUILESS_MAIN(tst_ChartScale)
#include "tst_chartscale.moc"
