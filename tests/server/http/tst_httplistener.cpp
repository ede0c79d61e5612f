// cache-server's connection layer over real sockets, with a handler of its own: answers in
// request order whatever order they are produced in, and fair connection limits (per client,
// in all, with idle connections shed first).
#include "httplistener.h"
#include "httptestclient.h"

#include <QPointer>
#include <QTimer>
#include <QtTest>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace qrc;
using namespace qrc::test;

namespace {

// Answers with the request's path as the body; "/slow/<ms>" after that many milliseconds.
void answerWithPath(HttpConnection *connection, quint64 sequence, HttpRequest &&request) {
    HttpReply reply;
    reply.contentType = "text/plain";
    reply.body = request.path;
    const QList<QByteArray> parts = request.path.split('/');
    if (parts.size() == 3 && parts.at(1) == "slow") {
        QPointer<HttpConnection> alive(connection);
        QTimer::singleShot(parts.at(2).toInt(), connection, [alive, sequence, reply] {
            if (alive)
                alive->answer(sequence, reply, {});
        });
        return;
    }
    connection->answer(sequence, reply, {});
}

QByteArray get(const QByteArray &path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

// A client socket from `source` (a loopback address), connected without waiting.
int connectFrom(quint32 source, quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(source);
    ::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<const sockaddr *>(&remote), sizeof remote);
    return fd;
}

// True when the peer closed `fd` (EOF or reset); nothing is read otherwise.
bool peerClosed(int fd) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN &&
                      errno != EINPROGRESS);
}

constexpr quint32 FirstClient = 0x7f000001;  // 127.0.0.1
constexpr quint32 SecondClient = 0x7f000002; // 127.0.0.2

} // namespace

class TestHttpListener : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answersLeaveInRequestOrderWhateverFinishesFirst();
    void clientOverItsShareLosesItsOwnOldestIdleConnection();
    void clientOverItsShareWithNothingIdleIsRefusedAndOthersAreNot();
    void secondAddressIsServedWhileFirstHolds1100Sockets();

private:
    std::unique_ptr<HttpListener> listen(const ConnectionLimits &limits);
};

std::unique_ptr<HttpListener> TestHttpListener::listen(const ConnectionLimits &limits) {
    auto listener = std::make_unique<HttpListener>(limits, &answerWithPath);
    if (!listener->listen(QHostAddress::Any, 0))
        return nullptr;
    return listener;
}

void TestHttpListener::answersLeaveInRequestOrderWhateverFinishesFirst() {
    auto listener = listen(ConnectionLimits{});
    QVERIFY(listener);
    const QByteArrayList paths = {"/slow/80", "/a", "/slow/40", "/slow/1", "/b", "/slow/60", "/c"};
    QByteArray requests;
    for (const QByteArray &path : paths)
        requests += get(path);
    QTcpSocket socket;
    const QByteArrayList answers =
        pipelined(socket, listener->serverPort(), requests, int(paths.size()));
    QCOMPARE(answers.size(), paths.size());
    for (qsizetype i = 0; i < paths.size(); ++i)
        QCOMPARE(bodyOf(answers.at(i)), paths.at(i));
}

void TestHttpListener::clientOverItsShareLosesItsOwnOldestIdleConnection() {
    ConnectionLimits limits;
    limits.maxConnectionsPerClient = 2;
    auto listener = listen(limits);
    QVERIFY(listener);
    const quint16 port = listener->serverPort();
    QTcpSocket first;
    QTcpSocket second;
    QCOMPARE(bodyOf(rawExchange(port, get("/1"), 5000, &first)), QByteArray("/1"));
    QCOMPARE(bodyOf(rawExchange(port, get("/2"), 5000, &second)), QByteArray("/2"));
    QTcpSocket third;
    QCOMPARE(bodyOf(rawExchange(port, get("/3"), 5000, &third)), QByteArray("/3"));
    QTRY_COMPARE(first.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(listener->connectionsOf(QHostAddress("127.0.0.1")), 2);
    QCOMPARE(listener->shedConnections(), 1);
    QCOMPARE(listener->refusedConnections(), 0);
}

void TestHttpListener::clientOverItsShareWithNothingIdleIsRefusedAndOthersAreNot() {
    ConnectionLimits limits;
    limits.maxConnectionsPerClient = 2;
    auto listener = listen(limits);
    QVERIFY(listener);
    const quint16 port = listener->serverPort();
    // Two connections of 127.0.0.1 waiting for slow answers: neither is idle.
    QTcpSocket first;
    QTcpSocket second;
    first.connectToHost(QStringLiteral("127.0.0.1"), port);
    second.connectToHost(QStringLiteral("127.0.0.1"), port);
    QTRY_VERIFY(first.state() == QAbstractSocket::ConnectedState &&
                second.state() == QAbstractSocket::ConnectedState);
    first.write(get("/slow/3000"));
    second.write(get("/slow/3000"));
    QTRY_COMPARE(listener->requestsInFlight(), 2);
    QCOMPARE(statusOf(rawExchange(port, get("/3"))), 503);
    QCOMPARE(listener->refusedConnections(), 1);
    // Another address is not affected.
    QTcpSocket other;
    QVERIFY(other.bind(QHostAddress("127.0.0.2")));
    other.connectToHost(QStringLiteral("127.0.0.1"), port); // from the bound address
    QCOMPARE(bodyOf(rawExchange(port, get("/other"), 5000, &other)), QByteArray("/other"));
}

// F4: one address opening 1,100 sockets (and re-opening any that close) cannot lock others
// out: it holds at most its share, and the other address is served at once.
void TestHttpListener::secondAddressIsServedWhileFirstHolds1100Sockets() {
    rlimit files{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &files), 0);
    if (files.rlim_cur < 4096) {
        files.rlim_cur = qMin<rlim_t>(files.rlim_max, 4096);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &files), 0);
    }
    if (files.rlim_cur < 2600)
        QSKIP("needs 2,600 file descriptors (1,100 clients, their server ends, the rest)");
    auto listener = listen(ConnectionLimits{});
    QVERIFY(listener);
    const quint16 port = listener->serverPort();
    std::vector<int> hog;
    qint64 opened = 0;
    for (int i = 0; i < 1100; ++i, ++opened)
        hog.push_back(connectFrom(FirstClient, port));
    // Two rounds of the server taking them all and the hog re-opening what was closed.
    const auto taken = [&] {
        return listener->shedConnections() + listener->refusedConnections() +
               listener->openConnections();
    };
    for (int round = 0; round < 2; ++round) {
        QTRY_COMPARE_WITH_TIMEOUT(taken(), opened, 10000);
        QCOMPARE(listener->connectionsOf(QHostAddress("127.0.0.1")),
                 listener->limits().maxConnectionsPerClient);
        for (int &fd : hog) {
            if (peerClosed(fd)) {
                ::close(fd);
                fd = connectFrom(FirstClient, port);
                ++opened;
            }
        }
    }
    QTcpSocket other;
    QVERIFY(other.bind(QHostAddress("127.0.0.2")));
    other.connectToHost(QStringLiteral("127.0.0.1"), port); // from the bound address
    QElapsedTimer timer;
    timer.start();
    const QByteArray answer = rawExchange(port, get("/other"), 5000, &other);
    QCOMPARE(statusOf(answer), 200);
    QCOMPARE(bodyOf(answer), QByteArray("/other"));
    QCOMPARE_LT(timer.elapsed(), 1000);
    QCOMPARE_LE(listener->connectionsOf(QHostAddress("127.0.0.1")), 64);
    for (const int fd : hog)
        ::close(fd);
    QTRY_COMPARE_WITH_TIMEOUT(listener->connectionsOf(QHostAddress("127.0.0.1")), 0, 10000);
}

QTEST_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
