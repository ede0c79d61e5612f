#include "biggestkeysdialog.h"

#include "apiclient.h"
#include "keytreemodel.h"
#include "serverstats.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qrc {

namespace {
enum Column { KeyCol, TypeCol, MemoryCol, SizeCol, TtlCol, ColumnCount };

// Sorts by the number behind a formatted cell.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString &text, qint64 value)
        : QTableWidgetItem(text)
        , m_value(value) {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override {
        if (const auto *n = dynamic_cast<const NumberItem *>(&other))
            return m_value < n->m_value;
        return QTableWidgetItem::operator<(other);
    }

private:
    qint64 m_value;
};
} // namespace

BiggestKeysDialog::BiggestKeysDialog(ApiClient *api, const QString &ns, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_ns(ns)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_reload(new QPushButton(tr("&Scan Again"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)) {
    setObjectName(QStringLiteral("biggestKeysDialog"));
    setWindowTitle(tr("Biggest Keys in %1").arg(ns));
    setAccessibleName(tr("Biggest keys"));
    setAccessibleDescription(
        tr("The keys of namespace %1 taking the most memory, from a bounded sample").arg(ns));
    auto *layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("biggestSummary"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleDescription(tr("Sample"));
    layout->addWidget(m_summary);
    m_table->setObjectName(QStringLiteral("biggestTable"));
    m_table->setAccessibleName(tr("Biggest keys"));
    m_table->setAccessibleDescription(
        tr("Largest first; double-click or Enter shows the key in the console"));
    m_table->setHorizontalHeaderLabels(
        {tr("Key"), tr("Type"), tr("Memory"), tr("Stored size"), tr("TTL")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(KeyCol, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_reload->setObjectName(QStringLiteral("biggestReload"));
    m_reload->setAccessibleName(tr("Scan again"));
    m_buttons->addButton(m_reload, QDialogButtonBox::ActionRole);
    m_buttons->setAccessibleName(tr("Dialog buttons"));
    m_buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    layout->addWidget(m_buttons);
    resize(640, 420);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reload, &QPushButton::clicked, this, &BiggestKeysDialog::reload);
    connect(m_table, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *item) {
        const QTableWidgetItem *key = m_table->item(item->row(), KeyCol);
        if (key)
            Q_EMIT keyActivated(m_ns, key->text());
    });
    reload();
}

QString BiggestKeysDialog::summaryText() const {
    return m_summary->text();
}

void BiggestKeysDialog::reload() {
    const quint64 request = ++m_request;
    m_loading = true;
    m_reload->setEnabled(false);
    m_summary->setText(
        tr("Scanning up to %1 keys of %2…").arg(QLocale().toString(SampleLimit), m_ns));
    m_api->getBiggestKeys(m_ns, Top, SampleLimit, this, [this, request](const ApiReply &reply) {
        if (request != m_request)
            return;
        m_loading = false;
        m_reload->setEnabled(true);
        m_table->setSortingEnabled(false);
        m_table->setRowCount(0);
        if (!reply.ok()) {
            m_summary->setText(tr("Could not find the biggest keys: %1").arg(reply.errorText));
            return;
        }
        const QJsonObject o = reply.object();
        const QJsonArray keys = o.value(QLatin1String("keys")).toArray();
        const qint64 sampled = o.value(QLatin1String("sampled")).toInteger();
        const qint64 limit = o.value(QLatin1String("sample_limit")).toInteger();
        if (keys.isEmpty())
            m_summary->setText(tr("Namespace %1 holds no keys.").arg(m_ns));
        else if (o.value(QLatin1String("complete")).toBool())
            m_summary->setText(
                tr("The %1 largest of all %2 keys of %3, by memory.")
                    .arg(QLocale().toString(keys.size()), QLocale().toString(sampled), m_ns));
        else
            m_summary->setText(
                tr("The %1 largest of a sample of %2 keys of %3, by memory: the namespace "
                   "holds more, and only the first %4 keys the server scanned were compared.")
                    .arg(QLocale().toString(keys.size()), QLocale().toString(sampled), m_ns,
                         QLocale().toString(limit)));
        m_table->setRowCount(int(keys.size()));
        for (int row = 0; row < keys.size(); ++row) {
            const QJsonObject k = keys.at(row).toObject();
            const QJsonValue memory = k.value(QLatin1String("memory"));
            const qint64 size = k.value(QLatin1String("size")).toInteger();
            const qint64 ttl = k.value(QLatin1String("ttl")).toInteger();
            const QString type = k.value(QLatin1String("type")).toString();
            m_table->setItem(row, KeyCol,
                             new QTableWidgetItem(k.value(QLatin1String("key")).toString()));
            m_table->setItem(row, TypeCol, new QTableWidgetItem(KeyTreeModel::typeName(type)));
            m_table->setItem(
                row, MemoryCol,
                new NumberItem(memory.isDouble() ? formatBytes(memory.toInteger()) : tr("unknown"),
                               memory.toInteger(-1)));
            m_table->setItem(
                row, SizeCol,
                new NumberItem(type == QLatin1String("string") ? formatBytes(size) : QString(),
                               size));
            m_table->setItem(row, TtlCol,
                             new NumberItem(formatTtl(ttl), ttl < 0 ? LLONG_MAX : ttl));
        }
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(KeyCol, QHeaderView::Stretch);
        // Largest first, as the server ordered them; the user may sort by any column.
        m_table->horizontalHeader()->setSortIndicator(MemoryCol, Qt::DescendingOrder);
        m_table->setSortingEnabled(true);
        if (m_table->rowCount() > 0)
            m_table->selectRow(0);
    });
}

} // namespace qrc
