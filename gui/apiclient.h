#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace qrc {

// The outcome of one call to the management API. `status` is 0 when no HTTP answer arrived
// (refused, timed out, DNS): that is how the console tells "unreachable" from "refused".
struct ApiReply {
    int status = 0;
    QJsonValue body;
    QString errorText; // the server's "detail", or the transport error

    bool ok() const { return status >= 200 && status < 300; }
    bool unreachable() const { return status == 0; }
    bool unauthorized() const { return status == 401 || status == 403; }
    QJsonObject object() const { return body.toObject(); }
};

// HTTP client for a cache-server's /cache API. Every call returns at once; `done` runs later on
// this object's thread, and not at all when `context` is destroyed first.
class ApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiReply &)>;

    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // allInstances: the sum over every instance sharing the Redis (scope=all).

    void getStats(QObject *context, Callback done, bool allInstances = false);
    void ping(QObject *context, Callback done);
    void getInfo(QObject *context, Callback done);
    void getNamespaces(QObject *context, Callback done);
    void listKeys(const QString &ns, const QString &match, const QString &cursor, int count,
                  QObject *context, Callback done);
    void getEntry(const QString &ns, const QString &key, QObject *context, Callback done);
    // A page of the members of a hash, list, set, sorted set or stream.
    void getItems(const QString &ns, const QString &key, const QString &cursor, int count,
                  QObject *context, Callback done);
    // The keys of `ns` taking the most memory among the first `sample` keys scanned.
    void getBiggestKeys(const QString &ns, int top, int sample, QObject *context, Callback done);
    // Per namespace, how many keys match the glob.
    void search(const QString &match, QObject *context, Callback done);
    // The keys of `ns` a bulk delete of `match` would remove: count and a sample.
    void countMatching(const QString &ns, const QString &match, QObject *context, Callback done);
    void deleteMatching(const QString &ns, const QString &match, QObject *context, Callback done);
    void setTtl(const QString &ns, const QString &key, qint64 ttl, QObject *context, Callback done);
    void deleteKey(const QString &ns, const QString &key, QObject *context, Callback done);
    void clearNamespace(const QString &ns, QObject *context, Callback done);
    void clearAll(QObject *context, Callback done);
    void resetStats(QObject *context, Callback done);
    void getHistory(int seconds, QObject *context, Callback done);
    void getDemoItem(int id, QObject *context, Callback done);

    // Requests sent since construction; tests use it to prove that browsing is paged.
    qint64 requestCount() const { return m_requestCount; }

    // Builds the URL for an API path whose segments are already percent-encoded.
    QUrl urlFor(const QByteArray &encodedPath, const QByteArray &encodedQuery = {}) const;
    static QByteArray segment(const QString &text);

Q_SIGNALS:
    void requestSent(const QByteArray &verb, const QUrl &url);
    // Every answer, so that the connection state can follow failures of any call.
    void replyReceived(const qrc::ApiReply &reply);

private:
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body, QObject *context,
              Callback done);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 10000;
    qint64 m_requestCount = 0;
};

} // namespace qrc
