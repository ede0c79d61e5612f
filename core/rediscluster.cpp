#include "rediscluster.h"

#include "redisclient.h"
#include "redisconnection.h"

#include <QMap>
#include <QPointer>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace qrc {

namespace {

constexpr int RefreshIntervalMs = 250;
constexpr int MaxRedirects = 5;
// A node being dialled (after MOVED, or a refresh naming a new master) is waited for this
// many times RetryDelayMs before the command fails.
constexpr int MaxWaits = 10;
constexpr int RetryDelayMs = 50;

// What routing needs to know of a command, from its name alone. Names are compared as Redis
// does (case-insensitive) without an upper-case copy, and only with the names of the same
// length: every command is routed, and a GET or SET meets one comparison at most.
enum class Shape { Keyed, Scan, MultiKey, Script, Keyless, SubcommandKey };

Shape shapeOf(QByteArrayView command) {
    const auto is = [command](QByteArrayView name) {
        // The first letter inline (names are ASCII letters: | 0x20 folds the case).
        return (command[0] | 0x20) == (name[0] | 0x20) &&
               command.compare(name, Qt::CaseInsensitive) == 0;
    };
    switch (command.size()) {
    case 3:
        return is("DEL") ? Shape::MultiKey : Shape::Keyed;
    case 4:
        if (is("SCAN"))
            return Shape::Scan;
        if (is("EVAL"))
            return Shape::Script;
        return is("PING") || is("INFO") ? Shape::Keyless : Shape::Keyed;
    case 5:
        return is("TOUCH") ? Shape::MultiKey : Shape::Keyed;
    case 6:
        if (is("UNLINK") || is("EXISTS"))
            return Shape::MultiKey;
        if (is("SCRIPT"))
            return Shape::Keyless;
        // MEMORY USAGE key, OBJECT ENCODING key: the key follows a subcommand.
        return is("MEMORY") || is("OBJECT") ? Shape::SubcommandKey : Shape::Keyed;
    case 7:
        return is("EVALSHA") ? Shape::Script : Shape::Keyed;
    default:
        return Shape::Keyed;
    }
}

// The key that routes a command; null for keyless commands (PING, SCAN, SCRIPT, ...).
const QByteArray *keyOf(const QList<QByteArray> &argv, Shape shape) {
    switch (shape) {
    case Shape::Script:
        return argv.size() > 3 && argv[2].toInt() > 0 ? &argv[3] : nullptr;
    case Shape::Scan:
    case Shape::Keyless:
        return nullptr;
    case Shape::SubcommandKey:
        if (argv.size() > 2)
            return &argv[2];
        break;
    case Shape::Keyed:
    case Shape::MultiKey:
        break;
    }
    return argv.size() < 2 ? nullptr : &argv[1];
}

// The slot that routes a command; -1 for keyless commands (any master answers them).
int slotFor(const QList<QByteArray> &argv, Shape shape) {
    const QByteArray *key = keyOf(argv, shape);
    return key ? RedisCluster::slotOf(*key) : -1;
}

RedisReply integerReply(qint64 n) {
    RedisReply r;
    r.type = RedisReply::Type::Integer;
    r.integer = n;
    return r;
}

} // namespace

RedisCluster::RedisCluster(const RedisSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_seeds(settings.clusterNodes)
    , m_slots(SlotCount)
    , m_slotClients(SlotCount, nullptr) {
    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RedisCluster::refresh);
}

RedisCluster::~RedisCluster() {
    stop();
}

namespace {

// CRC16-CCITT (XModem): polynomial 0x1021, initial value 0, as the Cluster specification. Every
// command is routed by it, so it goes four bytes a step ("slicing by 4"): tables[k][b] is what
// byte b contributes once k more zero bytes have followed it. Linear in the input, so the four
// lookups of a step are independent of one another (bit by bit it was the largest single cost
// of a pipelined GET; a byte at a time, still ~250 instructions for a 26-byte key).
using CrcTables = std::array<std::array<quint16, 256>, 4>;

constexpr CrcTables makeCrcTables() {
    CrcTables t{};
    for (int byte = 0; byte < 256; ++byte) {
        quint16 crc = quint16(byte << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
        t[0][size_t(byte)] = crc;
    }
    for (size_t k = 1; k < t.size(); ++k)
        for (size_t byte = 0; byte < 256; ++byte) {
            const quint16 prev = t[k - 1][byte];
            t[k][byte] = quint16((prev << 8) ^ t[0][prev >> 8]);
        }
    return t;
}

constexpr CrcTables crcTables = makeCrcTables();

quint16 crc16(const uchar *data, size_t length) {
    const auto &t = crcTables;
    quint16 crc = 0;
    for (; length >= 4; length -= 4, data += 4)
        crc = quint16(t[3][(crc >> 8) ^ data[0]] ^ t[2][(crc & 0xff) ^ data[1]] ^ t[1][data[2]] ^
                      t[0][data[3]]);
    for (; length > 0; --length, ++data)
        crc = quint16((crc << 8) ^ t[0][(crc >> 8) ^ *data]);
    return crc;
}

} // namespace

quint16 RedisCluster::slotOf(const QByteArray &key) {
    // Only the part between the first '{' and the next '}' is hashed, when it is not empty, so
    // that related keys can be kept in one slot.
    const auto *data = reinterpret_cast<const uchar *>(key.constData());
    size_t length = size_t(key.size());
    if (const auto *open = static_cast<const uchar *>(std::memchr(data, '{', length))) {
        const size_t after = size_t(open - data) + 1;
        const auto *close = static_cast<const uchar *>(std::memchr(open + 1, '}', length - after));
        if (close && close > open + 1) {
            data = open + 1;
            length = size_t(close - data);
        }
    }
    return crc16(data, length) % SlotCount;
}

void RedisCluster::start() {
    if (m_started)
        return;
    m_started = true;
    for (const QString &seed : std::as_const(m_seeds))
        node(seed);
    m_refreshTimer.start();
}

void RedisCluster::stop() {
    m_started = false;
    m_refreshTimer.stop();
    const QHash<QString, RedisClient *> nodes = std::exchange(m_nodes, {});
    for (RedisClient *client : nodes) {
        client->disconnect(this);
        client->stop();
        client->deleteLater();
    }
    std::fill(m_slots.begin(), m_slots.end(), QString());
    std::fill(m_slotClients.begin(), m_slotClients.end(), nullptr);
    m_ready = false;
}

QString RedisCluster::endpoint() const {
    const QStringList all = masters();
    if (all.isEmpty())
        return QStringLiteral("cluster (seeds %1)").arg(m_seeds.join(u','));
    return QStringLiteral("cluster of %1 masters (%2)").arg(all.size()).arg(all.join(u','));
}

RedisClient *RedisCluster::node(const QString &address) {
    if (RedisClient *client = m_nodes.value(address))
        return client;
    const qsizetype colon = address.lastIndexOf(u':');
    RedisSettings s = m_settings;
    s.host = address.left(colon);
    if (s.host.startsWith(u'[') && s.host.endsWith(u']'))
        s.host = s.host.mid(1, s.host.size() - 2);
    s.port = address.mid(colon + 1).toInt();
    s.unixSocket.clear();
    s.sentinels.clear();
    s.clusterNodes.clear();
    s.db = 0; // a cluster has only database 0
    auto *client = new RedisClient(s, this);
    m_nodes.insert(address, client);
    client->setRedirectHandler([this, client](RedisReply reply, QList<QByteArray> argv,
                                              int redirects, ReplyCallback done) {
        redirected(client, std::move(reply), std::move(argv), redirects, std::move(done));
    });
    connect(client, &RedisClient::stateChanged, this, [this](RedisClient::State state) {
        if (state != RedisClient::State::Connected)
            refresh(); // a lost master: the map will name its successor
        evaluate();
    });
    if (m_started)
        client->start();
    return client;
}

QList<RedisClient *> RedisCluster::masterClients() const {
    QList<RedisClient *> out;
    for (const QString &address : masters())
        if (RedisClient *client = m_nodes.value(address))
            out.append(client);
    return out;
}

QStringList RedisCluster::masters() const {
    QStringList out;
    for (const QString &owner : m_slots)
        if (!owner.isEmpty() && !out.contains(owner))
            out.append(owner);
    std::sort(out.begin(), out.end());
    return out;
}

void RedisCluster::refresh() {
    if (!m_started || m_refreshing)
        return;
    // Any node that answers knows the whole map; masters first, they are the likeliest up.
    RedisClient *asked = nullptr;
    QStringList candidates = masters();
    candidates += m_nodes.keys();
    for (const QString &address : std::as_const(candidates)) {
        RedisClient *client = m_nodes.value(address);
        if (client && client->state() == RedisClient::State::Connected) {
            asked = client;
            break;
        }
    }
    if (!asked) {
        for (const QString &seed : std::as_const(m_seeds))
            node(seed);
        return;
    }
    m_refreshing = true;
    const QPointer<RedisCluster> self(this);
    asked->execute({"CLUSTER", "SLOTS"}, [this, self](Result<RedisReply> r) {
        if (!self)
            return;
        m_refreshing = false;
        if (r.ok() && r.value.type == RedisReply::Type::Array)
            applySlots(r.value);
        else
            m_detail = r.ok() ? QString::fromUtf8(r.value.string) : r.error.message;
        evaluate();
    });
}

void RedisCluster::applySlots(const RedisReply &reply) {
    std::vector<QString> slots(SlotCount);
    for (const RedisReply &range : reply.elements) {
        if (range.elements.size() < 3 || range.elements[2].elements.size() < 2)
            continue;
        const qint64 first = range.elements[0].integer;
        const qint64 last = range.elements[1].integer;
        const RedisReply &master = range.elements[2];
        QString host = QString::fromUtf8(master.elements[0].string);
        if (host.isEmpty()) // "unknown endpoint": the address we asked through
            continue;
        if (host.contains(u':'))
            host = u'[' + host + u']';
        const QString address = host + u':' + QString::number(master.elements[1].integer);
        for (qint64 slot = std::max<qint64>(first, 0); slot <= last && slot < SlotCount; ++slot)
            slots[size_t(slot)] = address;
    }
    m_slots = std::move(slots);
    const QStringList owners = masters();
    for (const QString &owner : owners)
        node(owner);
    // Slots come in ranges: one lookup per range, not per slot.
    const QString *last = nullptr;
    RedisClient *lastClient = nullptr;
    for (size_t slot = 0; slot < m_slots.size(); ++slot) {
        const QString &owner = m_slots[slot];
        if (!last || owner != *last) {
            last = &owner;
            lastClient = owner.isEmpty() ? nullptr : m_nodes.value(owner);
        }
        m_slotClients[slot] = lastClient;
    }
    // Nodes that own nothing any more (a failed master, a replica seed) are dropped, except
    // the seeds, which are kept to ask for the map when every master is away.
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (owners.contains(it.key()) || m_seeds.contains(it.key())) {
            ++it;
            continue;
        }
        RedisClient *client = it.value();
        client->disconnect(this);
        client->stop();
        client->deleteLater();
        it = m_nodes.erase(it);
    }
}

void RedisCluster::evaluate() {
    if (!m_started)
        return;
    const QStringList owners = masters();
    bool covered = std::none_of(m_slots.cbegin(), m_slots.cend(),
                                [](const QString &owner) { return owner.isEmpty(); });
    QString detail;
    bool up = covered;
    for (const QString &owner : owners) {
        RedisClient *client = m_nodes.value(owner);
        if (!client || client->state() != RedisClient::State::Connected) {
            up = false;
            detail = QStringLiteral("cluster master %1 is %2")
                         .arg(owner, client ? client->lastError() : QStringLiteral("unknown"));
        }
    }
    if (!covered)
        detail = m_detail.isEmpty() ? QStringLiteral("cluster slot map not known yet")
                                    : QStringLiteral("cluster slot map incomplete: ") + m_detail;
    if (owners.isEmpty() && !m_refreshing)
        refresh();
    if (up)
        m_refreshTimer.stop();
    else if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
    if (up == m_ready)
        return;
    m_ready = up;
    Q_EMIT readyChanged(up, up ? QStringLiteral("Connected to Redis ") + endpoint() : detail);
}

CacheError RedisCluster::notReady() const {
    return CacheError::connection(
        QStringLiteral("Redis cluster is not ready: %1")
            .arg(m_detail.isEmpty() ? QStringLiteral("no slot map") : m_detail));
}

void RedisCluster::execute(const QList<QByteArray> &argv, ReplyCallback done) {
    if (argv.isEmpty()) {
        done(Result<RedisReply>::failure(CacheError::protocol(QStringLiteral("empty command"))));
        return;
    }
    const Shape shape = shapeOf(argv.first());
    if (shape == Shape::Scan)
        return scan(argv, std::move(done));
    if (shape == Shape::MultiKey && argv.size() > 2)
        return multiKey(argv, std::move(done));
    if (shape == Shape::Script && argv.size() > 3) {
        const int n = argv[2].toInt();
        for (int i = 1; i < n && 3 + i < argv.size(); ++i) {
            if (slotOf(argv[3 + i]) != slotOf(argv[3])) {
                RedisReply error;
                error.type = RedisReply::Type::Error;
                error.string = "CROSSSLOT Keys in request don't hash to the same slot (a script "
                               "runs per slot in a cluster)";
                done(Result<RedisReply>::success(error));
                return;
            }
        }
    }
    route(argv, slotFor(argv, shape), 0, std::move(done));
}

void RedisCluster::executePipeline(const QList<QList<QByteArray>> &commands,
                                   PipelineCallback done) {
    // Commands sent in one event-loop pass leave in one write per connection, so routing each
    // command on its own still pipelines them per node.
    if (commands.isEmpty()) {
        done(Result<QList<RedisReply>>::success({}));
        return;
    }
    QList<ReplyCallback> callbacks = RedisConnection::gather(commands.size(), std::move(done));
    for (qsizetype i = 0; i < commands.size(); ++i)
        execute(commands[i], std::move(callbacks[i]));
}

void RedisCluster::route(const QList<QByteArray> &argv, int slot, int redirects,
                         ReplyCallback done) {
    RedisClient *owner = nullptr;
    if (slot >= 0) {
        owner = m_slotClients[size_t(slot)];
    } else {
        // Keyless: any master that answers.
        for (const QString &address : masters()) {
            RedisClient *client = m_nodes.value(address);
            if (client && client->state() == RedisClient::State::Connected) {
                owner = client;
                break;
            }
        }
    }
    if (!owner) {
        done(Result<RedisReply>::failure(notReady()));
        return;
    }
    sendTo(owner, argv, redirects, false, 0, std::move(done));
}

void RedisCluster::sendTo(RedisClient *client, const QList<QByteArray> &argv, int redirects,
                          bool asking, int waits, ReplyCallback done) {
    if (client->state() == RedisClient::State::Connecting && waits < MaxWaits) {
        // A node just named by MOVED or a new map: give it a moment to connect (by address:
        // a new map may have replaced its client meanwhile).
        QTimer::singleShot(RetryDelayMs, this, [=, this, address = m_nodes.key(client)] {
            sendTo(node(address), argv, redirects, asking, waits + 1, done);
        });
        return;
    }
    // The reply goes straight to `done`; a redirect comes back through redirected().
    client->sendRedirected(argv, std::move(done), redirects, asking);
}

void RedisCluster::redirected(RedisClient *from, RedisReply reply, QList<QByteArray> argv,
                              int redirects, ReplyCallback done) {
    if (redirects >= MaxRedirects)
        return done(Result<RedisReply>::success(std::move(reply)));
    const QList<QByteArray> parts = reply.string.split(' ');
    if ((parts[0] == "MOVED" || parts[0] == "ASK") && parts.size() == 3) {
        QString target = QString::fromUtf8(parts[2]);
        if (target.startsWith(u':')) { // an unknown endpoint: same host as before
            const QString address = m_nodes.key(from);
            target.prepend(address.left(address.lastIndexOf(u':')));
        }
        RedisClient *targetClient = node(target);
        if (parts[0] == "MOVED") {
            const size_t moved = size_t(parts[1].toInt() % SlotCount);
            m_slots[moved] = target;
            m_slotClients[moved] = targetClient;
            refresh();
        }
        return sendTo(targetClient, argv, redirects + 1, parts[0] == "ASK", 0, std::move(done));
    }
    if (parts[0] == "TRYAGAIN" || parts[0] == "CLUSTERDOWN") {
        QTimer::singleShot(RetryDelayMs, this, [=, this] {
            route(argv, slotFor(argv, shapeOf(argv.first())), redirects + 1, done);
        });
        return;
    }
    done(Result<RedisReply>::success(std::move(reply)));
}

void RedisCluster::multiKey(const QList<QByteArray> &argv, ReplyCallback done) {
    // One command per slot: a key in another slot of the same node is still CROSSSLOT.
    QMap<int, QList<QByteArray>> bySlot;
    for (qsizetype i = 1; i < argv.size(); ++i)
        bySlot[slotOf(argv[i])].append(argv[i]);
    if (bySlot.size() == 1) {
        route(argv, bySlot.firstKey(), 0, std::move(done));
        return;
    }
    struct Sum {
        qint64 total = 0;
        qsizetype remaining = 0;
        bool finished = false;
        ReplyCallback done;
    };
    auto sum = std::make_shared<Sum>();
    sum->remaining = bySlot.size();
    sum->done = std::move(done);
    for (auto it = bySlot.cbegin(); it != bySlot.cend(); ++it) {
        QList<QByteArray> part{argv.first()};
        part += it.value();
        route(part, it.key(), 0, [sum](Result<RedisReply> r) {
            if (sum->finished)
                return;
            if (!r.ok() || r.value.type != RedisReply::Type::Integer) {
                sum->finished = true;
                sum->done(std::move(r));
                return;
            }
            sum->total += r.value.integer;
            if (--sum->remaining == 0) {
                sum->finished = true;
                sum->done(Result<RedisReply>::success(integerReply(sum->total)));
            }
        });
    }
}

void RedisCluster::scan(const QList<QByteArray> &argv, ReplyCallback done) {
    // The cursor names the master (its place in the sorted list of masters) and that master's
    // own cursor: "c:<index>:<cursor>"; "0" starts and ends the walk, as with SCAN.
    const QStringList all = masters();
    if (all.isEmpty()) {
        done(Result<RedisReply>::failure(notReady()));
        return;
    }
    qsizetype index = 0;
    QByteArray cursor = "0";
    const QByteArray given = argv.size() > 1 ? argv[1] : QByteArray("0");
    if (given != "0") {
        const QList<QByteArray> parts = given.split(':');
        bool ok = parts.size() == 3 && parts[0] == "c";
        index = ok ? parts[1].toInt(&ok) : 0;
        if (!ok || index < 0 || index >= all.size()) {
            RedisReply error;
            error.type = RedisReply::Type::Error;
            error.string = "ERR invalid cursor";
            done(Result<RedisReply>::success(error));
            return;
        }
        cursor = parts[2];
    }
    QList<QByteArray> command = argv;
    if (command.size() < 2)
        command.append(cursor);
    else
        command[1] = cursor;
    const QPointer<RedisCluster> self(this);
    sendTo(node(all.at(index)), command, 0, false, 0,
           [self, index, count = all.size(), done](Result<RedisReply> r) {
               if (!r.ok() || r.value.isError() || r.value.type != RedisReply::Type::Array ||
                   r.value.elements.size() != 2)
                   return done(std::move(r));
               RedisReply page = std::move(r.value);
               const QByteArray next = page.elements[0].string;
               if (next != "0")
                   page.elements[0].string = "c:" + QByteArray::number(index) + ':' + next;
               else if (index + 1 < count)
                   page.elements[0].string = "c:" + QByteArray::number(index + 1) + ":0";
               done(Result<RedisReply>::success(std::move(page)));
           });
}

} // namespace qrc
