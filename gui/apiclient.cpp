#include "apiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

namespace qrc {

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

void ApiClient::setBaseUrl(const QUrl &url) {
    m_baseUrl = url;
    QString path = m_baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path);
}

QByteArray ApiClient::segment(const QString &text) {
    // Keys may contain '/', ':', '?', '#', spaces and any Unicode: encode everything but the
    // unreserved set so that each key stays exactly one path segment.
    return QUrl::toPercentEncoding(text);
}

QUrl ApiClient::urlFor(const QByteArray &encodedPath, const QByteArray &encodedQuery) const {
    QByteArray full = m_baseUrl.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment) + encodedPath;
    if (!encodedQuery.isEmpty())
        full += '?' + encodedQuery;
    return QUrl::fromEncoded(full, QUrl::StrictMode);
}

void ApiClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                     QObject *context, Callback done) {
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    // The console polls once a second; a cached answer would freeze the statistics.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));

    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    ++m_requestCount;
    Q_EMIT requestSent(verb, url);

    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, hasContext, done] {
        reply->deleteLater();
        ApiReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        if (!data.isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
            if (parseError.error == QJsonParseError::NoError)
                result.body = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        }
        if (result.status == 0) {
            result.errorText = reply->errorString();
        } else if (!result.ok()) {
            const QJsonValue detail = result.object().value(QLatin1String("detail"));
            result.errorText =
                detail.isString()
                    ? detail.toString()
                    : QString::fromUtf8(
                          QJsonDocument(detail.toArray()).toJson(QJsonDocument::Compact));
            if (result.errorText.isEmpty() || result.errorText == QLatin1String("[]"))
                result.errorText = QStringLiteral("HTTP %1").arg(result.status);
        }
        Q_EMIT replyReceived(result);
        if (done && (!hasContext || guard))
            done(result);
    });
}

void ApiClient::getStats(QObject *context, Callback done, bool allInstances) {
    send("GET", urlFor("/cache/stats", allInstances ? QByteArray("scope=all") : QByteArray()), {},
         context, std::move(done));
}

void ApiClient::ping(QObject *context, Callback done) {
    send("GET", urlFor("/cache/ping"), {}, context, std::move(done));
}

void ApiClient::getInfo(QObject *context, Callback done) {
    send("GET", urlFor("/cache/info"), {}, context, std::move(done));
}

void ApiClient::getNamespaces(QObject *context, Callback done) {
    send("GET", urlFor("/cache/namespaces"), {}, context, std::move(done));
}

void ApiClient::listKeys(const QString &ns, const QString &match, const QString &cursor, int count,
                         QObject *context, Callback done) {
    QByteArray query = "count=" + QByteArray::number(count);
    if (!match.isEmpty())
        query += "&match=" + QUrl::toPercentEncoding(match);
    if (!cursor.isEmpty())
        query += "&cursor=" + QUrl::toPercentEncoding(cursor);
    send("GET", urlFor("/cache/namespaces/" + segment(ns) + "/keys", query), {}, context,
         std::move(done));
}

void ApiClient::getItems(const QString &ns, const QString &key, const QString &cursor, int count,
                         QObject *context, Callback done) {
    QByteArray query = "count=" + QByteArray::number(count);
    if (!cursor.isEmpty())
        query += "&cursor=" + QUrl::toPercentEncoding(cursor);
    send("GET",
         urlFor("/cache/namespaces/" + segment(ns) + "/keys/" + segment(key) + "/items", query), {},
         context, std::move(done));
}

void ApiClient::getBiggestKeys(const QString &ns, int top, int sample, QObject *context,
                               Callback done) {
    send("GET",
         urlFor("/cache/namespaces/" + segment(ns) + "/biggest",
                "top=" + QByteArray::number(top) + "&sample=" + QByteArray::number(sample)),
         {}, context, std::move(done));
}

void ApiClient::search(const QString &match, QObject *context, Callback done) {
    send("GET", urlFor("/cache/search", "match=" + QUrl::toPercentEncoding(match)), {}, context,
         std::move(done));
}

void ApiClient::countMatching(const QString &ns, const QString &match, QObject *context,
                              Callback done) {
    send("GET",
         urlFor("/cache/namespaces/" + segment(ns) + "/matches",
                "match=" + QUrl::toPercentEncoding(match)),
         {}, context, std::move(done));
}

void ApiClient::deleteMatching(const QString &ns, const QString &match, QObject *context,
                               Callback done) {
    send("DELETE",
         urlFor("/cache/namespaces/" + segment(ns) + "/keys",
                "match=" + QUrl::toPercentEncoding(match)),
         {}, context, std::move(done));
}

void ApiClient::getEntry(const QString &ns, const QString &key, QObject *context, Callback done) {
    send("GET", urlFor("/cache/namespaces/" + segment(ns) + "/keys/" + segment(key)), {}, context,
         std::move(done));
}

void ApiClient::setTtl(const QString &ns, const QString &key, qint64 ttl, QObject *context,
                       Callback done) {
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("ttl"), ttl}}).toJson(QJsonDocument::Compact);
    send("PUT", urlFor("/cache/namespaces/" + segment(ns) + "/keys/" + segment(key) + "/ttl"), body,
         context, std::move(done));
}

void ApiClient::deleteKey(const QString &ns, const QString &key, QObject *context, Callback done) {
    send("DELETE", urlFor("/cache/namespaces/" + segment(ns) + "/keys/" + segment(key)), {},
         context, std::move(done));
}

void ApiClient::clearNamespace(const QString &ns, QObject *context, Callback done) {
    send("POST", urlFor("/cache/clear/" + segment(ns)), {}, context, std::move(done));
}

void ApiClient::clearAll(QObject *context, Callback done) {
    send("DELETE", urlFor("/cache/clear"), {}, context, std::move(done));
}

void ApiClient::resetStats(QObject *context, Callback done) {
    send("POST", urlFor("/cache/reset-stats"), {}, context, std::move(done));
}

void ApiClient::getHistory(int seconds, QObject *context, Callback done) {
    send("GET", urlFor("/cache/stats/history", "seconds=" + QByteArray::number(seconds)), {},
         context, std::move(done));
}

void ApiClient::getDemoItem(int id, QObject *context, Callback done) {
    send("GET", urlFor("/items/" + QByteArray::number(id)), {}, context, std::move(done));
}

} // namespace qrc
