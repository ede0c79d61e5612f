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
    // Embedded service only: Redis to use; none means the memory backend.
    bool embeddedRedis = false;
    QString redisHost = QStringLiteral("127.0.0.1");
    int redisPort = 6379;
};

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    ConnectionDialog(const QList<RecentConnection> &recent, QWidget *parent = nullptr);

    ConnectionRequest request() const;
    void setUrl(const QString &url);

    QComboBox *urlBox() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }
    QCheckBox *rememberBox() const { return m_remember; }
    QPushButton *embeddedButton() const { return m_startEmbedded; }

private:
    void recentChosen(int index);
    void updateButtons();

    QList<RecentConnection> m_recent;
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
