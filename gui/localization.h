#pragma once

#include <QLocale>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QTranslator;

namespace qrc {

// Installs the console's translations (built into the binary under :/i18n) and Qt's own for
// the chosen language; uninstalls them when destroyed.
class Localization : public QObject {
    Q_OBJECT
public:
    explicit Localization(QObject *parent = nullptr);
    ~Localization() override;

    static QStringList languages(); // "en", "de", "zh_CN"
    // Empty `language`: the system locale's. Returns the language in use ("en" when the
    // requested one has no translation).
    QString load(const QString &language = {});
    QString language() const { return m_language; }

private:
    void unload();

    std::vector<std::unique_ptr<QTranslator>> m_translators;
    QString m_language = QStringLiteral("en");
};

} // namespace qrc
