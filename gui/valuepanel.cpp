#include "valuepanel.h"

#include "apiclient.h"
#include "collectionmodel.h"
#include "jsontreemodel.h"
#include "keytreemodel.h"
#include "serverstats.h"
#include "textfindbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace qrc {

using ValueFormatter::Format;

ValuePanel::ValuePanel(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_ttlLeft(new QLabel(this))
    , m_ttl(new QSpinBox(this))
    , m_applyTtl(new QPushButton(tr("Set &TTL"), this))
    , m_format(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_find(nullptr)
    , m_wrap(new QCheckBox(tr("&Wrap lines"), this))
    , m_json(new JsonTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_treeNote(new QLabel(this))
    , m_storedForm(new QLabel(this))
    , m_rawFormat(new QComboBox(this))
    , m_raw(new QPlainTextEdit(this))
    , m_items(new CollectionModel(api, this))
    , m_itemsView(new QTableView(this))
    , m_member(new QPlainTextEdit(this))
    , m_itemsSummary(new QLabel(this))
    , m_loadMore(new QPushButton(tr("Loa&d More"), this))
    , m_showAll(new QPushButton(this)) {
    setAccessibleName(tr("Value panel"));
    setAccessibleDescription(tr("The selected key: its value, tree, stored bytes or members"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("valueTitle"));
    // Labels that show data are described, not named: a QLabel's accessible name is its text
    // unless a name is set, and Qt offers no other way to read a label's text over AT-SPI.
    m_title->setAccessibleDescription(tr("Selected key"));
    layout->addWidget(m_title);
    m_details->setWordWrap(true);
    m_details->setObjectName(QStringLiteral("valueDetails"));
    m_details->setAccessibleDescription(tr("Type, stored size, memory and content type"));
    layout->addWidget(m_details);

    auto *row = new QHBoxLayout;
    auto *ttlLabel = new QLabel(tr("TT&L (seconds):"), this);
    ttlLabel->setBuddy(m_ttl);
    row->addWidget(ttlLabel);
    m_ttl->setObjectName(QStringLiteral("ttlEditor"));
    // 0 stands for "no TTL to show" (nothing loaded, or a key that never expires).
    m_ttl->setRange(0, std::numeric_limits<int>::max());
    m_ttl->setSpecialValueText(tr("none"));
    m_ttl->setAccelerated(true);
    m_ttl->setToolTip(tr("New time to live in seconds; the server caps it at its max TTL"));
    m_ttl->setAccessibleName(tr("TTL in seconds"));
    m_ttl->setAccessibleDescription(m_ttl->toolTip());
    row->addWidget(m_ttl);
    m_applyTtl->setObjectName(QStringLiteral("applyTtl"));
    m_applyTtl->setToolTip(tr("Apply the new TTL (Enter)"));
    m_applyTtl->setAccessibleName(tr("Set TTL"));
    m_applyTtl->setAccessibleDescription(m_applyTtl->toolTip());
    row->addWidget(m_applyTtl);
    m_ttlLeft->setObjectName(QStringLiteral("ttlLeft"));
    m_ttlLeft->setAccessibleDescription(tr("Time left"));
    // Wraps instead of widening the window (German and Chinese at 1024 pixels).
    m_ttlLeft->setWordWrap(true);
    row->addWidget(m_ttlLeft, 1);
    layout->addLayout(row);

    // "View as" belongs to the Value tab: it sits in the tab bar's corner, which leaves the
    // TTL row the panel's whole width.
    auto *formatBox = new QWidget(this);
    auto *formatRow = new QHBoxLayout(formatBox);
    formatRow->setContentsMargins(0, 0, 0, 0);
    auto *formatLabel = new QLabel(tr("&View as:"), formatBox);
    formatLabel->setBuddy(m_format);
    formatRow->addWidget(formatLabel);
    m_format->setObjectName(QStringLiteral("valueFormat"));
    m_format->addItem(tr("Auto"), int(Format::Auto));
    m_format->addItem(tr("JSON"), int(Format::Json));
    m_format->addItem(tr("Text"), int(Format::Text));
    m_format->addItem(tr("Hex"), int(Format::Hex));
    m_format->setAccessibleName(tr("View as"));
    m_format->setAccessibleDescription(tr("How the value tab shows the decoded value"));
    formatRow->addWidget(m_format);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tabs->setObjectName(QStringLiteral("valueTabs"));
    m_tabs->setAccessibleName(tr("Value views"));
    m_tabs->setDocumentMode(true);
    // The views may be squeezed on a small screen: the window must still fit 1024x680, and
    // the value area is resizable.
    m_tabs->setMinimumHeight(m_tabs->fontMetrics().height() * 6);
    m_tabs->setCornerWidget(formatBox, Qt::TopRightCorner);
    layout->addWidget(m_tabs, 1);

    // Value: the decoded value as text, with search and wrap.
    auto *valuePage = new QWidget(m_tabs);
    valuePage->setObjectName(QStringLiteral("valuePage"));
    valuePage->setAccessibleName(tr("Decoded value"));
    auto *valueLayout = new QVBoxLayout(valuePage);
    valueLayout->setContentsMargins(0, 4, 0, 0);
    m_text->setParent(valuePage);
    m_text->setReadOnly(true);
    m_text->setObjectName(QStringLiteral("valueText"));
    m_text->setAccessibleName(tr("Value"));
    m_text->setAccessibleDescription(tr("The decoded value, exactly as stored"));
    m_text->setFont(fixed);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setPlaceholderText(tr("Select a key to see its value."));
    m_find = new TextFindBar(m_text, valuePage);
    m_find->setObjectName(QStringLiteral("valueFindBar"));
    m_find->setAccessibleName(tr("Find in value"));
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    m_wrap->setParent(valuePage);
    m_wrap->setObjectName(QStringLiteral("wrapLines"));
    m_wrap->setAccessibleName(tr("Wrap lines"));
    m_wrap->setAccessibleDescription(tr("Wrap long lines of the value at the view's edge"));
    findRow->addWidget(m_wrap);
    valueLayout->addLayout(findRow);
    valueLayout->addWidget(m_text, 1);
    m_tabs->addTab(valuePage, tr("Val&ue"));

    // Tree: JSON as a collapsible tree in document order.
    auto *treePage = new QWidget(m_tabs);
    treePage->setObjectName(QStringLiteral("treePage"));
    treePage->setAccessibleName(tr("JSON tree"));
    auto *treeLayout = new QVBoxLayout(treePage);
    treeLayout->setContentsMargins(0, 4, 0, 0);
    m_treeNote->setParent(treePage);
    m_treeNote->setObjectName(QStringLiteral("treeNote"));
    m_treeNote->setAccessibleDescription(tr("JSON tree note"));
    m_treeNote->setWordWrap(true);
    m_treeNote->setVisible(false);
    treeLayout->addWidget(m_treeNote);
    m_tree->setParent(treePage);
    m_tree->setObjectName(QStringLiteral("jsonTree"));
    m_tree->setAccessibleName(tr("JSON tree"));
    m_tree->setAccessibleDescription(
        tr("The JSON value as a tree: members in stored order, numbers as written"));
    m_tree->setModel(m_json);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    treeLayout->addWidget(m_tree, 1);
    auto *treeButtons = new QHBoxLayout;
    auto *expand = new QPushButton(tr("E&xpand All"), treePage);
    expand->setObjectName(QStringLiteral("expandAll"));
    expand->setAccessibleName(tr("Expand all"));
    auto *collapse = new QPushButton(tr("C&ollapse All"), treePage);
    collapse->setObjectName(QStringLiteral("collapseAll"));
    collapse->setAccessibleName(tr("Collapse all"));
    treeButtons->addWidget(expand);
    treeButtons->addWidget(collapse);
    treeButtons->addStretch(1);
    treeLayout->addLayout(treeButtons);
    m_tabs->addTab(treePage, tr("Tr&ee"));

    // Raw: the stored bytes, hex and text, and what they are.
    auto *rawPage = new QWidget(m_tabs);
    rawPage->setObjectName(QStringLiteral("rawPage"));
    rawPage->setAccessibleName(tr("Stored bytes"));
    auto *rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 4, 0, 0);
    m_storedForm->setParent(rawPage);
    m_storedForm->setObjectName(QStringLiteral("storedForm"));
    m_storedForm->setAccessibleDescription(tr("Stored form"));
    m_storedForm->setWordWrap(true);
    m_storedForm->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *rawRow = new QHBoxLayout;
    rawRow->addWidget(m_storedForm, 1);
    auto *rawFormatLabel = new QLabel(tr("&Bytes as:"), rawPage);
    rawFormatLabel->setBuddy(m_rawFormat);
    rawRow->addWidget(rawFormatLabel, 0, Qt::AlignTop);
    m_rawFormat->setParent(rawPage);
    m_rawFormat->setObjectName(QStringLiteral("rawFormat"));
    m_rawFormat->addItem(tr("Hex and text"), int(Format::Hex));
    m_rawFormat->addItem(tr("Text (other bytes as \\xNN)"), int(Format::Text));
    m_rawFormat->setAccessibleName(tr("Stored bytes as"));
    m_rawFormat->setAccessibleDescription(
        tr("A hex dump with printable text beside it, or the bytes as text with the others "
           "escaped"));
    rawRow->addWidget(m_rawFormat, 0, Qt::AlignTop);
    rawLayout->addLayout(rawRow);
    m_raw->setParent(rawPage);
    m_raw->setObjectName(QStringLiteral("rawBytes"));
    m_raw->setAccessibleName(tr("Stored bytes"));
    m_raw->setAccessibleDescription(
        tr("The bytes as stored in the cache: offset, hex and printable text"));
    m_raw->setReadOnly(true);
    m_raw->setFont(fixed);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    rawLayout->addWidget(m_raw, 1);
    m_tabs->addTab(rawPage, tr("&Raw"));

    // Items: the members of a hash, list, set, sorted set or stream, paged.
    auto *itemsPage = new QWidget(m_tabs);
    itemsPage->setObjectName(QStringLiteral("itemsPage"));
    itemsPage->setAccessibleName(tr("Members"));
    auto *itemsLayout = new QVBoxLayout(itemsPage);
    itemsLayout->setContentsMargins(0, 4, 0, 0);
    m_itemsSummary->setParent(itemsPage);
    m_itemsSummary->setObjectName(QStringLiteral("itemsSummary"));
    m_itemsSummary->setAccessibleDescription(tr("Members loaded"));
    itemsLayout->addWidget(m_itemsSummary);
    m_itemsView->setParent(itemsPage);
    m_itemsView->setObjectName(QStringLiteral("itemsView"));
    m_itemsView->setAccessibleName(tr("Members"));
    m_itemsView->setAccessibleDescription(
        tr("Read-only members of the key, in the server's order; more load at the end"));
    m_itemsView->setModel(m_items);
    m_itemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_itemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_itemsView->setWordWrap(false);
    m_itemsView->horizontalHeader()->setStretchLastSection(true);
    m_itemsView->verticalHeader()->setDefaultSectionSize(m_itemsView->fontMetrics().height() + 6);
    // The selected member's whole value below the table (cells show one line of it).
    auto *itemsSplitter = new QSplitter(Qt::Vertical, itemsPage);
    itemsSplitter->setObjectName(QStringLiteral("itemsSplitter"));
    itemsSplitter->setAccessibleName(tr("Members and selected member"));
    itemsSplitter->setChildrenCollapsible(false);
    itemsSplitter->addWidget(m_itemsView);
    m_member->setParent(itemsSplitter);
    m_member->setObjectName(QStringLiteral("memberValue"));
    m_member->setAccessibleName(tr("Selected member"));
    m_member->setAccessibleDescription(tr("The whole value of the selected member"));
    m_member->setReadOnly(true);
    m_member->setFont(fixed);
    m_member->setPlaceholderText(tr("Select a member to see all of its value."));
    itemsSplitter->addWidget(m_member);
    itemsSplitter->setStretchFactor(0, 3);
    itemsSplitter->setStretchFactor(1, 1);
    itemsSplitter->setSizes({300, 100}); // the table first
    itemsLayout->addWidget(itemsSplitter, 1);
    m_loadMore->setParent(itemsPage);
    m_loadMore->setObjectName(QStringLiteral("loadMore"));
    m_loadMore->setAccessibleName(tr("Load more members"));
    itemsLayout->addWidget(m_loadMore, 0, Qt::AlignLeft);
    m_tabs->addTab(itemsPage, tr("Me&mbers"));

    m_showAll->setObjectName(QStringLiteral("showAll"));
    m_showAll->setAccessibleName(tr("Show the whole value"));
    m_showAll->setVisible(false);
    layout->addWidget(m_showAll, 0, Qt::AlignLeft);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_switchingTabs)
            return;
        m_preferredTab = Tab(index); // the user's choice, kept for the next key
        if (index == TreeTab)
            showTree();
    });
    connect(m_wrap, &QCheckBox::toggled, this, [this](bool wrap) {
        m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    connect(expand, &QPushButton::clicked, m_tree, &QTreeView::expandAll);
    connect(collapse, &QPushButton::clicked, m_tree, &QTreeView::collapseAll);
    connect(m_loadMore, &QPushButton::clicked, this, [this] { m_items->fetchMore({}); });
    connect(m_itemsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid()) {
                    m_member->clear();
                    return;
                }
                // A set member is its own value; otherwise the value column (JSON indented).
                const int column = m_items->columnCount() - 1;
                const QString text =
                    current.siblingAtColumn(column).data(CollectionModel::FullTextRole).toString();
                m_member->setPlainText(
                    ValueFormatter::render(text.toUtf8(), Format::Auto, {}, m_limit).text);
            });
    connect(m_items, &QAbstractItemModel::modelReset, m_member, &QPlainTextEdit::clear);
    connect(m_items, &CollectionModel::pageLoaded, this, &ValuePanel::updateItemsSummary);
    connect(m_items, &CollectionModel::errorOccurred, this, [this](const QString &error) {
        m_itemsSummary->setText(tr("Could not read the members: %1").arg(error));
        m_loadMore->setEnabled(m_items->canFetchMore({}));
    });

    connect(m_applyTtl, &QPushButton::clicked, this, [this] {
        if (!m_key.isEmpty() && !m_readOnly)
            Q_EMIT ttlEditRequested(m_ns, m_key, m_ttl->value());
    });
    connect(m_ttl, &QSpinBox::editingFinished, this, [this] {
        if (m_ttl->hasFocus() && m_applyTtl->isEnabled())
            m_applyTtl->click();
    });
    connect(m_ttl, &QSpinBox::valueChanged, this, &ValuePanel::updateEditable);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { render(); });
    connect(m_rawFormat, &QComboBox::currentIndexChanged, this, [this] { render(); });
    connect(m_showAll, &QPushButton::clicked, this, [this] {
        m_showingAll = true;
        render();
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ValuePanel::updateTtlLabel);
    clear();
}

void ValuePanel::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    updateEditable();
}

void ValuePanel::updateEditable() {
    m_ttl->setEnabled(m_loaded && !m_readOnly);
    m_applyTtl->setEnabled(m_loaded && !m_readOnly && m_ttl->value() > 0);
}

void ValuePanel::resetContent() {
    m_data.clear();
    m_contentType.clear();
    m_stored.clear();
    m_type.clear();
    m_json->clear();
    m_items->clear();
    m_treeNote->setVisible(false);
    m_storedForm->clear();
    m_raw->clear();
    m_itemsSummary->clear();
    m_loadMore->setEnabled(false);
    m_treeLoaded = false;
    // Only the value view until the key's type is known; the user's choice of view is kept.
    m_switchingTabs = true;
    for (const Tab tab : {ValueTab, TreeTab, RawTab, ItemsTab})
        m_tabs->setTabEnabled(tab, tab == ValueTab);
    m_switchingTabs = false;
    m_ttlSeconds = -1;
    m_loaded = false;
    m_truncated = false;
    m_details->clear();
    m_ttlLeft->clear();
    m_text->clear();
    m_showAll->setVisible(false);
    m_countdown.stop();
    if (!m_ttl->hasFocus())
        m_ttl->setValue(0);
    updateEditable();
}

void ValuePanel::focusTtlEditor() {
    m_ttl->setFocus();
    m_ttl->selectAll();
}

QString ValuePanel::valueText() const {
    return m_text->toPlainText();
}

QString ValuePanel::titleText() const {
    return m_title->text();
}

QString ValuePanel::detailsText() const {
    return m_details->text();
}

QString ValuePanel::ttlText() const {
    return m_ttlLeft->text();
}

void ValuePanel::clear() {
    ++m_request;
    m_ns.clear();
    m_key.clear();
    m_ttl->clearFocus();
    resetContent();
    m_title->setText(tr("No key selected"));
}

void ValuePanel::showKey(const QString &ns, const QString &key) {
    if (ns == m_ns && key == m_key && m_loaded)
        return;
    if (ns != m_ns || key != m_key) {
        // Nothing of the previous key may stay on screen while this one loads or fails.
        m_ns = ns;
        m_key = key;
        m_ttl->clearFocus();
        resetContent();
    }
    m_showingAll = false;
    reload();
}

void ValuePanel::reload() {
    if (m_key.isEmpty())
        return;
    const quint64 request = ++m_request;
    m_title->setText(tr("%1 / %2").arg(m_ns, m_key));
    m_details->setText(tr("Loading…"));
    const QString ns = m_ns;
    const QString key = m_key;
    m_api->getEntry(ns, key, this, [this, request, ns, key](const ApiReply &reply) {
        if (request != m_request)
            return;
        if (reply.status == 404) {
            resetContent();
            m_details->setText(tr("This key no longer exists."));
            Q_EMIT entryMissing(ns, key);
            return;
        }
        if (!reply.ok()) {
            resetContent();
            m_details->setText(tr("Could not read the value: %1").arg(reply.errorText));
            return;
        }
        const QJsonObject o = reply.object();
        const QJsonValue value = o.value(QLatin1String("value"));
        m_type = o.value(QLatin1String("type")).toString(QStringLiteral("string"));
        if (o.contains(QLatin1String("value_text"))) // exactly as stored
            m_data = o.value(QLatin1String("value_text")).toString().toUtf8();
        else if (o.value(QLatin1String("encoding")).toString() == QLatin1String("base64"))
            m_data = QByteArray::fromBase64(value.toString().toLatin1());
        else if (value.isString())
            m_data = value.toString().toUtf8();
        else if (value.isObject())
            m_data = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        else if (value.isArray())
            m_data = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        else
            m_data = value.toVariant().toString().toUtf8();
        m_contentType = o.value(QLatin1String("content_type")).toString().toUtf8();
        m_ttlSeconds = o.value(QLatin1String("ttl")).toVariant().toLongLong();
        const qint64 stored = o.value(QLatin1String("size")).toVariant().toLongLong();
        const bool compressed = o.value(QLatin1String("compressed")).toBool();
        const QJsonValue memory = o.value(QLatin1String("memory"));
        m_loadedAt.start();
        m_loaded = true;
        const bool isString = m_type == QLatin1String("string");

        QStringList parts;
        parts << KeyTreeModel::typeName(m_type);
        if (isString) {
            parts << tr("Stored: %1%2")
                         .arg(formatBytes(stored), compressed ? tr(" (gzip)") : QString());
            parts << tr("Value: %1").arg(formatBytes(m_data.size()));
        }
        if (memory.isDouble())
            parts << tr("Memory: %1").arg(formatBytes(memory.toInteger()));
        if (!m_contentType.isEmpty())
            parts << QString::fromUtf8(m_contentType);
        m_details->setText(parts.join(QStringLiteral(" · ")));
        if (isString) {
            const QJsonObject storedInfo = o.value(QLatin1String("stored")).toObject();
            m_stored = QByteArray::fromBase64(
                storedInfo.value(QLatin1String("raw")).toString().toLatin1());
            showStoredForm(storedInfo);
            m_switchingTabs = true;
            m_tabs->setTabEnabled(RawTab, true);
            // The tree is built when its tab is shown: a large value costs nothing until then.
            m_tabs->setTabEnabled(TreeTab,
                                  ValueFormatter::detect(m_data, m_contentType) == Format::Json);
            m_tabs->setCurrentIndex(m_tabs->isTabEnabled(m_preferredTab) ? m_preferredTab
                                                                         : ValueTab);
            m_switchingTabs = false;
            if (m_tabs->currentIndex() == TreeTab)
                showTree();
        } else {
            m_switchingTabs = true;
            m_tabs->setTabEnabled(ItemsTab, true);
            m_tabs->setCurrentIndex(ItemsTab);
            m_tabs->setTabEnabled(ValueTab, false);
            m_switchingTabs = false;
            m_items->setKey(ns, key, m_type);
            updateItemsSummary();
        }
        if (!m_ttl->hasFocus())
            m_ttl->setValue(
                int(qBound(qint64(0), m_ttlSeconds, qint64(std::numeric_limits<int>::max()))));
        updateTtlLabel();
        m_countdown.start();
        updateEditable();
        render();
        Q_EMIT entryLoaded(ns, key, m_ttlSeconds, stored, compressed);
    });
}

void ValuePanel::updateTtlLabel() {
    if (!m_loaded) {
        m_ttlLeft->clear();
        return;
    }
    qint64 left = m_ttlSeconds;
    if (left > 0)
        left = qMax<qint64>(0, left - m_loadedAt.elapsed() / 1000);
    m_ttlLeft->setText(left < 0 ? formatTtl(left) : tr("expires in %1").arg(formatTtl(left)));
}

QString ValuePanel::storedFormText() const {
    return m_storedForm->text();
}

QString ValuePanel::rawText() const {
    return m_raw->toPlainText();
}

void ValuePanel::showTree() {
    if (m_treeLoaded || !m_loaded)
        return;
    m_treeLoaded = true;
    const bool parsed = m_json->setJson(m_data);
    m_treeNote->setText(m_json->errorText());
    m_treeNote->setVisible(!parsed);
    if (parsed)
        m_tree->expandToDepth(0);
}

QString ValuePanel::memberText() const {
    return m_member->toPlainText();
}

QString ValuePanel::itemsSummary() const {
    return m_itemsSummary->text();
}

// Says how the bytes on the Raw tab were stored: the framing, the compression and the size.
void ValuePanel::showStoredForm(const QJsonObject &stored) {
    const QString form = stored.value(QLatin1String("form")).toString();
    const QString compression = stored.value(QLatin1String("compression")).toString();
    QString formText;
    if (form == QLatin1String("native"))
        formText = tr("native framing (this library's header with content type and time)");
    else if (form == QLatin1String("seed-json"))
        formText = tr("seed JSON (plain JSON text, no framing)");
    else if (form == QLatin1String("seed-gzip-base64"))
        formText = tr("seed gzip+base64 (the Python app's compressed format)");
    else
        formText = tr("plain bytes (no framing)");
    QString compressionText;
    if (compression == QLatin1String("gzip"))
        compressionText = tr("gzip");
    else if (compression == QLatin1String("gzip+base64"))
        compressionText = tr("gzip, then base64 text");
    else
        compressionText = tr("none");
    const auto detected = ValueFormatter::detect(m_data, m_contentType);
    const QString encoding = detected == Format::Json   ? tr("JSON, UTF-8")
                             : detected == Format::Text ? tr("UTF-8 text")
                                                        : tr("binary");
    m_storedForm->setText(
        tr("Stored form: %1 · Compression: %2 · %3 stored · Decoded value: %4, %5")
            .arg(formText, compressionText,
                 // a size never breaks between its number and its unit ("117⏎Bytes")
                 keepTogether(
                     formatBytes(stored.value(QLatin1String("size")).toInteger(m_stored.size()))),
                 encoding, keepTogether(formatBytes(m_data.size()))));
}

void ValuePanel::updateItemsSummary() {
    const qint64 total = m_items->total();
    const int loaded = m_items->rowCount();
    if (total < 0)
        m_itemsSummary->setText(tr("Loading members…"));
    else if (m_items->isComplete())
        m_itemsSummary->setText(tr("All %n member(s) shown", nullptr, int(loaded)));
    else
        m_itemsSummary->setText(tr("%1 of %2 members shown")
                                    .arg(QLocale().toString(loaded), QLocale().toString(total)));
    m_loadMore->setEnabled(m_items->canFetchMore({}));
}

void ValuePanel::render() {
    if (!m_loaded)
        return;
    const qsizetype limit = m_showingAll ? -1 : m_limit;
    const auto raw = ValueFormatter::render(m_stored, Format::Hex, {}, limit);
    if (Format(m_rawFormat->currentData().toInt()) == Format::Hex)
        m_raw->setPlainText(raw.text);
    else // as many bytes as the hex dump shows, so that "show all" means the same
        m_raw->setPlainText(ValueFormatter::escapedText(
            m_stored, raw.truncated ? qMax<qsizetype>(16, m_limit / 78 * 16) : -1));
    const auto format = Format(m_format->currentData().toInt());
    const auto rendered = ValueFormatter::render(m_data, format, m_contentType, limit);
    m_shownFormat = rendered.format;
    m_truncated = rendered.truncated;
    m_text->setPlainText(rendered.text);
    m_showAll->setVisible(rendered.truncated || raw.truncated);
    m_showAll->setText(tr("Show all (%1)").arg(formatBytes(qMax(m_data.size(), m_stored.size()))));
}

} // namespace qrc
