#include "valuepanel.h"

#include "apiclient.h"
#include "serverstats.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
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
    , m_text(new QPlainTextEdit(this))
    , m_showAll(new QPushButton(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_details->setWordWrap(true);
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
    row->addWidget(m_ttl);
    m_applyTtl->setObjectName(QStringLiteral("applyTtl"));
    m_applyTtl->setToolTip(tr("Apply the new TTL (Enter)"));
    row->addWidget(m_applyTtl);
    row->addWidget(m_ttlLeft, 1);
    auto *formatLabel = new QLabel(tr("&View as:"), this);
    formatLabel->setBuddy(m_format);
    row->addWidget(formatLabel);
    m_format->setObjectName(QStringLiteral("valueFormat"));
    m_format->addItem(tr("Auto"), int(Format::Auto));
    m_format->addItem(tr("JSON"), int(Format::Json));
    m_format->addItem(tr("Text"), int(Format::Text));
    m_format->addItem(tr("Hex"), int(Format::Hex));
    row->addWidget(m_format);
    layout->addLayout(row);

    m_text->setReadOnly(true);
    m_text->setObjectName(QStringLiteral("valueText"));
    m_text->setAccessibleName(tr("Value"));
    m_text->setAccessibleDescription(tr("The selected key's value, read-only"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setPlaceholderText(tr("Select a key to see its value."));
    layout->addWidget(m_text, 1);
    m_showAll->setObjectName(QStringLiteral("showAll"));
    m_showAll->setAccessibleName(tr("Show the whole value"));
    m_showAll->setVisible(false);
    layout->addWidget(m_showAll, 0, Qt::AlignLeft);

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
        m_loadedAt.start();
        m_loaded = true;

        QStringList parts;
        parts
            << tr("Stored: %1%2").arg(formatBytes(stored), compressed ? tr(" (gzip)") : QString());
        parts << tr("Value: %1").arg(formatBytes(m_data.size()));
        if (!m_contentType.isEmpty())
            parts << QString::fromUtf8(m_contentType);
        m_details->setText(parts.join(QStringLiteral(" · ")));
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

void ValuePanel::render() {
    if (!m_loaded)
        return;
    const auto format = Format(m_format->currentData().toInt());
    const auto rendered =
        ValueFormatter::render(m_data, format, m_contentType, m_showingAll ? -1 : m_limit);
    m_shownFormat = rendered.format;
    m_truncated = rendered.truncated;
    m_text->setPlainText(rendered.text);
    m_showAll->setVisible(rendered.truncated);
    m_showAll->setText(tr("Show all (%1)").arg(formatBytes(m_data.size())));
}

} // namespace qrc
