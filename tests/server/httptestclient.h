#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>

namespace qrc::test {

struct HttpResult {
    int status = 0; // 0: no HTTP answer (connection error, time-out)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString error;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Requests over a real socket with QNetworkAccessManager, waiting on the reply's signal.
class HttpTestClient {
public:
    explicit HttpTestClient(QUrl base)
        : m_base(std::move(base)) {}

    void setToken(const QByteArray &token) { m_token = token; }

    HttpResult request(const QByteArray &verb, const QString &encodedPathAndQuery,
                       const QByteArray &body = {},
                       const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = 10000) {
        QNetworkRequest request(
            QUrl::fromEncoded(m_base.toEncoded() + encodedPathAndQuery.toUtf8(), QUrl::StrictMode));
        request.setTransferTimeout(timeoutMs);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 1000);
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        if (reply->error() != QNetworkReply::NoError)
            result.error = reply->errorString();
        return result;
    }

    HttpResult get(const QString &path,
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {}) {
        return request("GET", path, {}, headers);
    }

    QNetworkAccessManager &network() { return m_network; }

private:
    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_network;
};

// True when `answer` holds one complete HTTP answer (head and Content-Length body).
inline bool isCompleteAnswer(const QByteArray &answer) {
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    if (answer.startsWith("HTTP/1.1 304") || answer.startsWith("HTTP/1.1 204"))
        return true;
    const QByteArray head = answer.left(headEnd).toLower();
    const qsizetype cl = head.indexOf("content-length:");
    if (cl < 0)
        return false;
    const qsizetype lineEnd = head.indexOf("\r\n", cl);
    const qint64 length =
        head.mid(cl + 15, (lineEnd < 0 ? head.size() : lineEnd) - cl - 15).trimmed().toLongLong();
    return answer.size() >= headEnd + 4 + length;
}

// One raw HTTP/1.1 exchange on its own connection, for what QNetworkAccessManager hides
// (exact bytes, pipelined answers, closed connections). Runs the event loop while waiting, so it
// works against a server in the same thread.
inline QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000,
                              QTcpSocket *keep = nullptr) {
    QTcpSocket local;
    QTcpSocket &socket = keep ? *keep : local;
    if (socket.state() == QAbstractSocket::UnconnectedState)
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QByteArray answer;
    QDeadlineTimer deadline(timeoutMs);
    bool sent = false;
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
        if (!sent && socket.state() == QAbstractSocket::ConnectedState) {
            socket.write(bytes);
            sent = true;
        }
        answer += socket.readAll();
        if (isCompleteAnswer(answer))
            break;
        if (sent && socket.state() == QAbstractSocket::UnconnectedState)
            break;
    }
    return answer;
}

inline int statusOf(const QByteArray &rawAnswer) {
    return rawAnswer.mid(9, 3).toInt();
}

// The body of one raw answer.
inline QByteArray bodyOf(const QByteArray &rawAnswer) {
    const qsizetype headEnd = rawAnswer.indexOf("\r\n\r\n");
    return headEnd < 0 ? QByteArray() : rawAnswer.mid(headEnd + 4);
}

// Cuts a stream of answers into whole answers (interim 1xx, 204 and 304 have no body; the
// others a Content-Length); an incomplete tail is left out.
inline QByteArrayList splitAnswers(const QByteArray &stream) {
    QByteArrayList answers;
    qsizetype at = 0;
    while (at < stream.size()) {
        const qsizetype headEnd = stream.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            break;
        const QByteArray head = stream.mid(at, headEnd - at);
        const int status = head.mid(9, 3).toInt();
        qint64 length = 0;
        if (status >= 200 && status != 204 && status != 304) {
            const qsizetype cl = head.toLower().indexOf("content-length:");
            if (cl < 0)
                break;
            const qsizetype lineEnd = head.indexOf("\r\n", cl);
            length = head.mid(cl + 15, (lineEnd < 0 ? head.size() : lineEnd) - cl - 15)
                         .trimmed()
                         .toLongLong();
        }
        const qsizetype end = headEnd + 4 + length;
        if (end > stream.size())
            break;
        answers.append(stream.mid(at, end - at));
        at = end;
    }
    return answers;
}

// Writes `bytes` in one write on `socket` (connected first when it is not) and reads until
// `count` answers have arrived, the server closed, or the time is up. `*closed` tells whether
// the server closed the connection by then.
inline QByteArrayList pipelined(QTcpSocket &socket, quint16 port, const QByteArray &bytes,
                                int count, bool *closed = nullptr, int timeoutMs = 10000) {
    if (socket.state() == QAbstractSocket::UnconnectedState)
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QByteArray stream;
    QDeadlineTimer deadline(timeoutMs);
    bool sent = false;
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
        if (!sent && socket.state() == QAbstractSocket::ConnectedState) {
            socket.write(bytes);
            sent = true;
        }
        stream += socket.readAll();
        if (sent && socket.state() == QAbstractSocket::UnconnectedState)
            break;
        if (splitAnswers(stream).size() >= count && !closed)
            break;
    }
    if (closed)
        *closed = socket.state() == QAbstractSocket::UnconnectedState;
    return splitAnswers(stream);
}

} // namespace qrc::test
