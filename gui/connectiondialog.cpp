#include "connectiondialog.h"

#include "clearbutton.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace qrc {

ConnectionDialog::ConnectionDialog(const QList<RecentConnection> &recent, QWidget *parent,
                                   const QList<ConnectionProfile> &profiles)
    : QDialog(parent)
    , m_recent(recent)
    , m_profiles(profiles)
    , m_profile(new QComboBox(this))
    , m_tokenFile(new QLineEdit(this))
    , m_readOnly(new QCheckBox(tr("Browse read-&only"), this))
    , m_deleteProfile(new QPushButton(tr("&Delete profile"), this))
    , m_url(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the token on this computer"), this))
    , m_useRedis(new QCheckBox(tr("Use &Redis at"), this))
    , m_redisHost(new QLineEdit(QStringLiteral("127.0.0.1"), this))
    , m_redisPort(new QSpinBox(this)) {
    setWindowTitle(tr("Connect to a cache server"));
    auto *layout = new QVBoxLayout(this);

    auto *serverBox = new QGroupBox(tr("Cache server"), this);
    auto *form = new QFormLayout(serverBox);
    // A profile: pick one to fill the fields, or type a new name to keep these settings.
    m_profile->setEditable(true);
    m_profile->setObjectName(QStringLiteral("profile"));
    m_profile->setAccessibleName(tr("Profile"));
    m_profile->setAccessibleDescription(
        tr("A saved connection: choosing one fills the fields; a new name saves them on Connect"));
    m_profile->setInsertPolicy(QComboBox::NoInsert);
    // Focus is in the combo box's line edit, which AT-SPI shows as a text field of its own.
    m_profile->lineEdit()->setAccessibleName(m_profile->accessibleName());
    m_profile->lineEdit()->setPlaceholderText(tr("none (type a name to save these settings)"));
    for (const ConnectionProfile &p : profiles)
        m_profile->addItem(p.name);
    m_profile->setCurrentIndex(-1);
    m_deleteProfile->setObjectName(QStringLiteral("deleteProfile"));
    m_deleteProfile->setAutoDefault(false);
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profile, 1);
    profileRow->addWidget(m_deleteProfile);
    form->addRow(tr("&Profile:"), profileRow);
    m_url->setEditable(true);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setAccessibleName(tr("Server URL"));
    m_url->setAccessibleDescription(tr("The cache server's address; the list holds recent ones"));
    m_url->setMinimumContentsLength(36);
    m_url->lineEdit()->setAccessibleName(m_url->accessibleName());
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("http://127.0.0.1:8000"));
    for (const RecentConnection &c : recent)
        m_url->addItem(c.url);
    form->addRow(tr("Server &URL:"), m_url);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setAccessibleName(tr("Admin token"));
    m_token->setPlaceholderText(tr("only if the server requires one"));
    enableClearButton(m_token);
    form->addRow(tr("Admin &token:"), m_token);
    m_remember->setToolTip(tr("Stored in plain text in the console's settings file"));
    form->addRow(QString(), m_remember);
    m_tokenFile->setObjectName(QStringLiteral("tokenFile"));
    m_tokenFile->setAccessibleName(tr("Token file"));
    m_tokenFile->setPlaceholderText(tr("or a file that holds it"));
    enableClearButton(m_tokenFile);
    form->addRow(tr("Token &file:"), m_tokenFile);
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_readOnly->setToolTip(tr("Disable every action that changes or deletes data on this server"));
    form->addRow(QString(), m_readOnly);
    layout->addWidget(serverBox);

    auto *embeddedBox = new QGroupBox(tr("Or run a cache service inside the console"), this);
    auto *embeddedLayout = new QVBoxLayout(embeddedBox);
    auto *explanation = new QLabel(
        tr("Starts the cache and its management API on a free local port, for trying things "
           "out. Without Redis it keeps everything in memory."),
        embeddedBox);
    explanation->setWordWrap(true);
    embeddedLayout->addWidget(explanation);
    auto *redisRow = new QHBoxLayout;
    redisRow->addWidget(m_useRedis);
    redisRow->addWidget(m_redisHost, 1);
    m_redisHost->setObjectName(QStringLiteral("redisHost"));
    m_redisHost->setAccessibleName(tr("Redis host"));
    m_redisPort->setObjectName(QStringLiteral("redisPort"));
    m_redisPort->setAccessibleName(tr("Redis port"));
    m_redisPort->setRange(1, 65535);
    m_redisPort->setValue(6379);
    redisRow->addWidget(m_redisPort);
    embeddedLayout->addLayout(redisRow);
    layout->addWidget(embeddedBox);

    auto *buttons = new QDialogButtonBox(this);
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_startEmbedded =
        buttons->addButton(tr("Start &embedded service"), QDialogButtonBox::ActionRole);
    m_startEmbedded->setObjectName(QStringLiteral("startEmbedded"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_embedded = false;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_startEmbedded, &QPushButton::clicked, this, [this] {
        m_embedded = true;
        accept();
    });
    connect(m_url, &QComboBox::activated, this, &ConnectionDialog::recentChosen);
    connect(m_profile, &QComboBox::activated, this,
            [this](int index) { chooseProfile(m_profile->itemText(index)); });
    connect(m_profile, &QComboBox::editTextChanged, this, &ConnectionDialog::updateButtons);
    connect(m_deleteProfile, &QPushButton::clicked, this, [this] {
        const QString name = m_profile->currentText().trimmed();
        ConsoleSettings().removeProfile(name);
        m_profiles.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
        m_profile->removeItem(m_profile->findText(name));
        m_profile->setCurrentIndex(-1);
        m_profile->clearEditText();
    });
    connect(m_url, &QComboBox::editTextChanged, this, &ConnectionDialog::updateButtons);
    connect(m_useRedis, &QCheckBox::toggled, this, &ConnectionDialog::updateButtons);
    if (!recent.isEmpty())
        recentChosen(0);
    updateButtons();
}

void ConnectionDialog::setUrl(const QString &url) {
    m_url->setEditText(url);
}

void ConnectionDialog::recentChosen(int index) {
    if (index < 0 || index >= m_recent.size())
        return;
    m_token->setText(m_recent[index].token);
    m_remember->setChecked(!m_recent[index].token.isEmpty());
}

void ConnectionDialog::chooseProfile(const QString &name) {
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        if (p.name != name)
            continue;
        m_profile->setCurrentIndex(m_profile->findText(name));
        m_url->setEditText(p.url);
        m_tokenFile->setText(p.tokenFile);
        m_token->clear();
        m_remember->setChecked(false);
        m_readOnly->setChecked(p.readOnly);
        updateButtons();
        return;
    }
}

QStringList ConnectionDialog::profileNames() const {
    QStringList names;
    for (int i = 0; i < m_profile->count(); ++i)
        names << m_profile->itemText(i);
    return names;
}

void ConnectionDialog::updateButtons() {
    const QUrl url = QUrl::fromUserInput(m_url->currentText().trimmed());
    m_connect->setEnabled(url.isValid() && !url.host().isEmpty());
    // Enter connects to a typed URL; with nothing typed (first start) it starts the embedded
    // service, the likely wish then.
    const bool typed = !m_url->currentText().trimmed().isEmpty();
    m_startEmbedded->setDefault(!typed);
    m_connect->setDefault(typed);
    const QString profile = m_profile->currentText().trimmed();
    m_deleteProfile->setEnabled(!profile.isEmpty() && m_profile->findText(profile) >= 0);
    m_redisHost->setEnabled(m_useRedis->isChecked());
    m_redisPort->setEnabled(m_useRedis->isChecked());
}

ConnectionRequest ConnectionDialog::request() const {
    ConnectionRequest r;
    r.embedded = m_embedded;
    r.url = QUrl::fromUserInput(m_url->currentText().trimmed()).toString();
    r.token = m_token->text().trimmed();
    r.rememberToken = m_remember->isChecked();
    r.tokenFile = m_tokenFile->text().trimmed();
    r.readOnly = m_readOnly->isChecked();
    r.profileName = m_profile->currentText().trimmed();
    r.embeddedRedis = m_useRedis->isChecked();
    r.redisHost = m_redisHost->text().trimmed();
    r.redisPort = m_redisPort->value();
    return r;
}

} // namespace qrc
