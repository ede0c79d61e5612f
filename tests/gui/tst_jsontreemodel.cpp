// The JSON tree of the value panel: document order, numbers as written, bounded input.
#include "jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace qrc;

class tst_JsonTreeModel : public QObject {
    Q_OBJECT

    static QString cell(const JsonTreeModel &m, const QModelIndex &parent, int row, int column) {
        return m.index(row, column, parent).data().toString();
    }

private Q_SLOTS:
    void membersKeepStoredOrderAndNumbersTheirSpelling() {
        JsonTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m.setJson("{\"zeta\":19.990,\"alpha\":12345678901234567890,\"mid\":[1,\"two\",null,"
                          "true],\"e\":-1.5E+3}"));
        QCOMPARE(m.rowCount(), 1);
        const QModelIndex root = m.index(0, 0);
        QCOMPARE(m.rowCount(root), 4);
        QCOMPARE(cell(m, root, 0, JsonTreeModel::KeyColumn), QStringLiteral("zeta"));
        QCOMPARE(cell(m, root, 0, JsonTreeModel::ValueColumn), QStringLiteral("19.990"));
        QCOMPARE(cell(m, root, 1, JsonTreeModel::KeyColumn), QStringLiteral("alpha"));
        QCOMPARE(cell(m, root, 1, JsonTreeModel::ValueColumn),
                 QStringLiteral("12345678901234567890"));
        QCOMPARE(cell(m, root, 1, JsonTreeModel::TypeColumn), QStringLiteral("number"));
        QCOMPARE(cell(m, root, 3, JsonTreeModel::ValueColumn), QStringLiteral("-1.5E+3"));
        const QModelIndex mid = m.index(2, 0, root);
        QCOMPARE(m.rowCount(mid), 4);
        QCOMPARE(cell(m, mid, 1, JsonTreeModel::KeyColumn), QStringLiteral("[1]"));
        QCOMPARE(cell(m, mid, 1, JsonTreeModel::ValueColumn), QStringLiteral("two"));
        QCOMPARE(cell(m, mid, 2, JsonTreeModel::TypeColumn), QStringLiteral("null"));
        QCOMPARE(cell(m, mid, 3, JsonTreeModel::ValueColumn), QStringLiteral("true"));
        QCOMPARE(m.parent(m.index(0, 0, mid)), mid);
    }

    void stringEscapesAreDecoded() {
        JsonTreeModel m;
        QVERIFY(m.setJson("[\"a\\\"b\\\\c\\u00e9\\n\", \"\\ud83d\\ude00\"]"));
        const QModelIndex root = m.index(0, 0);
        QCOMPARE(m.index(0, JsonTreeModel::ValueColumn, root).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("a\"b\\c\u00e9\n"));
        QCOMPARE(cell(m, root, 1, JsonTreeModel::ValueColumn), QStringLiteral("\U0001F600"));
    }

    void scalarsAndEmptyContainersAreDocuments() {
        JsonTreeModel m;
        QVERIFY(m.setJson("  42 "));
        QCOMPARE(cell(m, {}, 0, JsonTreeModel::ValueColumn), QStringLiteral("42"));
        QVERIFY(m.setJson("{}"));
        QCOMPARE(m.rowCount(m.index(0, 0)), 0);
        QVERIFY(m.setJson("[[],{}]"));
        QCOMPARE(m.rowCount(m.index(0, 0)), 2);
    }

    void invalidOrHostileInputIsRefusedWithoutAModel() {
        JsonTreeModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const QByteArray &bad :
             {QByteArray("{\"a\":1"), QByteArray("[1,]"), QByteArray("plain text"),
              QByteArray("{\"a\" 1}"), QByteArray("01x"), QByteArray("[01]"), QByteArray("-"),
              QByteArray("1."), QByteArray("[1] trailing"), QByteArray(100000, '[')}) {
            QVERIFY2(!m.setJson(bad), bad.left(20).constData());
            QCOMPARE(m.rowCount(), 0);
            QVERIFY(!m.errorText().isEmpty());
        }
        QByteArray many = "[";
        for (int i = 0; i <= JsonTreeModel::MaxNodes; ++i)
            many += "0,";
        many += "0]";
        QVERIFY(!m.setJson(many));
    }
};

QTEST_GUILESS_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
