// Hostile clients that pipeline without reading (issue 15, F3 and F8): cache-server must
// survive them closing, keep its memory bounded while they flood, and keep answering other
// clients. Own executable: the memory check reads this process' RSS.
#include "cacheserver.h"
#include "http/httplistener.h"
#include "httptestclient.h"
#include "ratelimitguard.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <netinet/in.h>
#include <numeric>
#include <sys/socket.h>
#include <unistd.h>

using namespace qrc;
using namespace qrc::test;

namespace {

qint64 residentBytes() {
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : 0;
}

// Connections that write one shared buffer of pipelined requests as fast as the kernel takes
// it and never read. Plain sockets: a QTcpSocket would read the answers into its own buffer.
// The buffer is shared, so the flood itself costs this process nothing.
class Flood {
public:
    Flood(quint16 port, int connections, const QByteArray *requests)
        : m_requests(requests) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (int i = 0; i < connections; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
            m_fds.push_back(fd);
            m_sent.push_back(0);
        }
    }
    ~Flood() { closeAll(); }

    // One round of writes; true while some connection still has requests to send.
    bool pump() {
        bool pending = false;
        for (size_t i = 0; i < m_fds.size(); ++i) {
            while (m_fds[i] >= 0 && m_sent[i] < m_requests->size()) {
                const ssize_t n =
                    ::send(m_fds[i], m_requests->constData() + m_sent[i],
                           size_t(qMin<qint64>(256 * 1024, m_requests->size() - m_sent[i])),
                           MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n <= 0)
                    break; // not connected yet, or the kernel's buffers are full
                m_sent[i] += n;
            }
            pending = pending || m_sent[i] < m_requests->size();
        }
        return pending;
    }

    qint64 bytesSent() const { return std::accumulate(m_sent.cbegin(), m_sent.cend(), qint64(0)); }

    void closeAll() {
        for (int &fd : m_fds) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }

private:
    const QByteArray *m_requests;
    std::vector<int> m_fds;
    std::vector<qint64> m_sent;
};

} // namespace

class TestPipelineFlood : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nonReadingPipelineFloodIsBoundedAndSurvivesTheClose();

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

// F3 and F8: 8 connections write ~300,000 pipelined GET /items each and never read. The
// server stops reading them once their unsent answers reach the bound (1 MiB each), so its
// memory stays bounded and a new client is answered at once meanwhile; when they close, the
// server used to die (SIGSEGV after "QIODevice::skip: device not open").
void TestPipelineFlood::nonReadingPipelineFloodIsBoundedAndSurvivesTheClose() {
    RateLimitGuard *guard = nullptr;
    std::unique_ptr<CacheServer> server = startServer(&guard);
    QVERIFY(server);
    const quint16 port = server->port();
    // A hit in memory, as in the report.
    QCOMPARE(statusOf(rawExchange(port, "GET /items HTTP/1.1\r\nHost: x\r\n\r\n")), 200);

    const QByteArray one = "GET /items HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray requests = one.repeated(300000);
    const qint64 rssBefore = residentBytes();
    Flood flood(port, 8, &requests);
    // Until every connection is pushed back (no byte taken for a while), 5 s at most.
    QElapsedTimer timer;
    timer.start();
    QElapsedTimer stalled;
    stalled.start();
    qint64 lastSent = -1;
    while (flood.pump() && timer.elapsed() < 5000 && stalled.elapsed() < 500) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (flood.bytesSent() != lastSent) {
            lastSent = flood.bytesSent();
            stalled.restart();
        }
    }
    const qint64 growth = residentBytes() - rssBefore;
    qInfo() << "flood wrote" << flood.bytesSent() / 1024 << "KiB in" << timer.elapsed()
            << "ms; RSS grew by" << growth / (1024 * 1024) << "MiB";
    QVERIFY(flood.bytesSent() > 0);
    QCOMPARE_LT(flood.bytesSent(), qint64(requests.size()) * 8); // pushed back, not all read
#if defined(__SANITIZE_ADDRESS__)
    // ASan keeps up to 256 MiB of freed memory resident (its quarantine): RSS says nothing
    // here. That the server stopped reading (above) is what bounds its memory.
    Q_UNUSED(growth);
#else
    QCOMPARE_LT(growth, qint64(150) * 1024 * 1024);
#endif

    // Another client meanwhile: answered at once.
    QElapsedTimer answered;
    answered.start();
    const QByteArray during = rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 2000);
    QCOMPARE(statusOf(during), 200);
#if defined(__SANITIZE_ADDRESS__)
    // Under ASan every step runs several times slower, and the flood shares this process and
    // its event loop: "at once" is measured in the release build; here it must still not wait
    // for the flood to end.
    QCOMPARE_LT(answered.elapsed(), 3000);
#else
    QCOMPARE_LT(answered.elapsed(), 1000);
#endif

    flood.closeAll();
    // Long enough for the server to notice every close and act on what it had read.
    QTRY_COMPARE_WITH_TIMEOUT(server->listener()->openConnections(), 0, 10000);
    const QByteArray after = rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(statusOf(after), 200);
}

QTEST_MAIN(TestPipelineFlood)
#include "tst_pipelineflood.moc"
