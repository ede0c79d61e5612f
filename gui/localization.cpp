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
    // Numbers, sizes and times in the language of the text around them ("81,9 %" in German),
    // whatever the environment's locale says.
    QLocale::setDefault(locale);
    auto own = std::make_unique<QTranslator>();
    // Tries cache-console_zh_CN, then cache-console_zh, in every UI language of the locale.
    const bool translated = locale.language() != QLocale::English &&
                            locale.language() != QLocale::C &&
                            own->load(locale, QStringLiteral("cache-console"), QStringLiteral("_"),
                                      QStringLiteral(":/i18n"));
    if (!translated) {
        // The source strings are English; this file only gives them their plural forms.
        if (own->load(QStringLiteral(":/i18n/cache-console_en.qm"))) {
            QCoreApplication::installTranslator(own.get());
            m_translators.push_back(std::move(own));
        }
        return m_language;
    }
    QCoreApplication::installTranslator(own.get());
    m_language = own->language().isEmpty() ? locale.name() : own->language();
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
