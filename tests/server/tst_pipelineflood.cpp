// Hostile clients that pipeline without reading (issue 15, F3 and F8): cache-server must
// survive them closing, keep its memory bounded while they flood, and keep answering other
// clients. Own executable: the memory check reads this process' RSS.
#include "cacheserver.h"
#include "guardedtcpserver.h"
#include "httptestclient.h"
#include "ratelimitguard.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cerrno>
#include <sys/socket.h>

using namespace qrc;
using namespace qrc::test;

namespace {

// Connections that write one shared buffer of pipelined requests as fast as the kernel takes
// it and never read. The buffer is shared, so the flood itself costs this process nothing.
class Flood {
public:
    Flood(quint16 port, int connections, const QByteArray *requests)
        : m_requests(requests) {
        for (int i = 0; i < connections; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QStringLiteral("127.0.0.1"), port);
            m_sockets.push_back(std::move(socket));
            m_sent.push_back(0);
        }
    }

    bool connected() const {
        return std::all_of(m_sockets.cbegin(), m_sockets.cend(), [](const auto &s) {
            return s->state() == QAbstractSocket::ConnectedState;
        });
    }

    // One round of writes; true while some connection still has requests to send.
    bool pump() {
        bool pending = false;
        for (size_t i = 0; i < m_sockets.size(); ++i) {
            const int fd = int(m_sockets[i]->socketDescriptor());
            while (fd >= 0 && m_sent[i] < m_requests->size()) {
                const ssize_t n =
                    ::send(fd, m_requests->constData() + m_sent[i],
                           size_t(qMin<qint64>(256 * 1024, m_requests->size() - m_sent[i])),
                           MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n <= 0)
                    break; // the kernel's buffers are full: the server stopped reading
                m_sent[i] += n;
            }
            pending = pending || m_sent[i] < m_requests->size();
        }
        return pending;
    }

    qint64 bytesSent() const { return std::accumulate(m_sent.cbegin(), m_sent.cend(), qint64(0)); }

    void closeAll() {
        for (auto &socket : m_sockets)
            socket->abort();
    }

private:
    const QByteArray *m_requests;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
    std::vector<qint64> m_sent;
};

} // namespace

class TestPipelineFlood : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nonReadingPipelineFloodThenCloseDoesNotCrash();

private:
    std::unique_ptr<CacheServer> startServer(RateLimitGuard **guard);
};

std::unique_ptr<CacheServer> TestPipelineFlood::startServer(RateLimitGuard **guard) {
    Settings settings;
    settings.redis.enabled = false;
    settings.server.host = QStringLiteral("127.0.0.1");
    settings.server.port = 0;
    settings.server.demoItems = 20;
    settings.server.demoLatencyMs = 1;
    auto server = std::make_unique<CacheServer>(settings);
    // The default limiter, as the reviewer ran it: most of the flood is answered 429.
    const Result<RateLimitConfig> limits = RateLimitConfig::fromSettings(settings.rateLimit);
    if (!limits.ok())
        return nullptr;
    *guard = new RateLimitGuard(limits.value, nullptr, server.get());
    server->setRequestGuard(*guard);
    QString error;
    if (!server->start(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

// F8: 8 connections write ~300,000 pipelined GET /items each and never read; when they
// close, the server used to die (SIGSEGV after "QIODevice::skip: device not open").
void TestPipelineFlood::nonReadingPipelineFloodThenCloseDoesNotCrash() {
    RateLimitGuard *guard = nullptr;
    std::unique_ptr<CacheServer> server = startServer(&guard);
    QVERIFY(server);
    const quint16 port = server->port();
    // A hit in memory, as in the report.
    QCOMPARE(statusOf(rawExchange(port, "GET /items HTTP/1.1\r\nHost: x\r\n\r\n")), 200);

    const QByteArray one = "GET /items HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray requests = one.repeated(300000);
    Flood flood(port, 8, &requests);
    QTRY_VERIFY(flood.connected());
    QElapsedTimer timer;
    timer.start();
    while (flood.pump() && timer.elapsed() < 3000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    qInfo() << "flood wrote" << flood.bytesSent() / 1024 << "KiB in" << timer.elapsed() << "ms";
    QVERIFY(flood.bytesSent() > 0);

    flood.closeAll();
    // Long enough for the server to notice every close and act on what it had read.
    QTRY_COMPARE_WITH_TIMEOUT(server->tcpServer()->openConnections(), 0, 10000);
    const QByteArray after = rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(statusOf(after), 200);
}

QTEST_MAIN(TestPipelineFlood)
#include "tst_pipelineflood.moc"
