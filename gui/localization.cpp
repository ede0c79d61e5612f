#include "localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace qrc {

Localization::Localization(QObject *parent)
    : QObject(parent) {}

Localization::~Localization() {
    unload();
}

QStringList Localization::languages() {
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

void Localization::unload() {
    for (const auto &t : m_translators)
        QCoreApplication::removeTranslator(t.get());
    m_translators.clear();
    m_language = QStringLiteral("en");
}

QString Localization::load(const QString &language) {
    unload();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return m_language;

    auto own = std::make_unique<QTranslator>();
    // Tries cache-console_zh_CN, then cache-console_zh, in every UI language of the locale.
    if (!own->load(locale, QStringLiteral("cache-console"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        return m_language;
    QCoreApplication::installTranslator(own.get());
    m_language = own->language();
    m_translators.push_back(std::move(own));

    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_translators.push_back(std::move(qt));
    }
    return m_language;
}

} // namespace qrc
