#pragma once

#include "consolesettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace qrc {

struct ConnectionRequest {
    bool embedded = false;
    QString url;
    QString token;
    bool rememberToken = false;
    QString tokenFile; // read when connecting; a profile keeps this, never the token
    bool readOnly = false;
    // Not empty: save these settings under this name and connect through the profile.
    QString profileName;
    // Embedded service only: Redis to use; none means the memory backend.
    bool embeddedRedis = false;
    QString redisHost = QStringLiteral("127.0.0.1");
    int redisPort = 6379;
};

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    ConnectionDialog(const QList<RecentConnection> &recent, QWidget *parent = nullptr,
                     const QList<ConnectionProfile> &profiles = {});

    ConnectionRequest request() const;
    void setUrl(const QString &url);

    QComboBox *urlBox() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }
    QCheckBox *rememberBox() const { return m_remember; }
    QPushButton *embeddedButton() const { return m_startEmbedded; }
    QComboBox *profileBox() const { return m_profile; }
    QLineEdit *tokenFileEdit() const { return m_tokenFile; }
    QCheckBox *readOnlyBox() const { return m_readOnly; }
    QPushButton *deleteProfileButton() const { return m_deleteProfile; }
    // Fills the fields from a profile (as choosing it in the list does).
    void chooseProfile(const QString &name);
    QStringList profileNames() const;

private:
    void recentChosen(int index);
    void updateButtons();

    QList<RecentConnection> m_recent;
    QList<ConnectionProfile> m_profiles;
    QComboBox *m_profile;
    QLineEdit *m_tokenFile;
    QCheckBox *m_readOnly;
    QPushButton *m_deleteProfile;
    QComboBox *m_url;
    QLineEdit *m_token;
    QCheckBox *m_remember;
    QCheckBox *m_useRedis;
    QLineEdit *m_redisHost;
    QSpinBox *m_redisPort;
    QPushButton *m_connect;
    QPushButton *m_startEmbedded;
    bool m_embedded = false;
};

} // namespace qrc
