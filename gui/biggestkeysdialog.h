#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace qrc {

class ApiClient;

// The keys of one namespace taking the most memory (GET /cache/namespaces/{ns}/biggest). The
// server looks at a bounded sample, and the dialog says how large it was and whether it
// covered the whole namespace.
class BiggestKeysDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int Top = 50;
    static constexpr int SampleLimit = 10000;

    BiggestKeysDialog(ApiClient *api, const QString &ns, QWidget *parent = nullptr);

    void reload();
    QTableWidget *table() const { return m_table; }
    QString summaryText() const;
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    // The user picked a key (double-click or Enter) to show it in the console.
    void keyActivated(const QString &ns, const QString &key);

private:
    ApiClient *m_api;
    QString m_ns;
    QLabel *m_summary;
    QTableWidget *m_table;
    QPushButton *m_reload;
    QDialogButtonBox *m_buttons;
    quint64 m_request = 0;
    bool m_loading = false;
};

} // namespace qrc
