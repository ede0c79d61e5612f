#pragma once

#include "cacheerror.h"
#include "redisreply.h"
#include "settings.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <vector>

namespace qrc {

class RedisClient;

// Redis Cluster behind RedisClient's interface (private to core/). One standalone RedisClient
// (pool, reconnects, deadlines) per master; commands are routed by the CRC16 slot of their key
// (hash tags honoured) from the map CLUSTER SLOTS gives. MOVED updates the map and resends,
// ASK resends once with ASKING, TRYAGAIN/CLUSTERDOWN retry briefly. Commands that span keys are
// split: UNLINK/DEL/EXISTS/TOUCH per slot (the integer replies added up), pipelines per node,
// and SCAN walks every master behind one opaque cursor.
class RedisCluster : public QObject {
    Q_OBJECT
public:
    using ReplyCallback = std::function<void(Result<RedisReply>)>;
    using PipelineCallback = std::function<void(Result<QList<RedisReply>>)>;
    static constexpr int SlotCount = 16384;

    explicit RedisCluster(const RedisSettings &settings, QObject *parent = nullptr);
    ~RedisCluster() override;

    static quint16 slotOf(const QByteArray &key);

    void start();
    void stop();
    bool isReady() const { return m_ready; }
    QString endpoint() const;
    // The client of each master in the current map.
    QList<RedisClient *> masterClients() const;

    void execute(const QList<QByteArray> &argv, ReplyCallback done);
    void executePipeline(const QList<QList<QByteArray>> &commands, PipelineCallback done);

Q_SIGNALS:
    // Ready: the map covers every slot and every master answers.
    void readyChanged(bool ready, const QString &detail);

private:
    RedisClient *node(const QString &address);
    void refresh();
    void applySlots(const RedisReply &reply);
    void evaluate();
    void route(const QList<QByteArray> &argv, int slot, int redirects, ReplyCallback done);
    void sendTo(RedisClient *client, const QList<QByteArray> &argv, int redirects, bool asking,
                int waits, ReplyCallback done);
    void redirected(RedisClient *from, RedisReply reply, QList<QByteArray> argv, int redirects,
                    ReplyCallback done);
    void scan(const QList<QByteArray> &argv, ReplyCallback done);
    void multiKey(const QList<QByteArray> &argv, ReplyCallback done);
    QStringList masters() const;
    CacheError notReady() const;

    RedisSettings m_settings;
    QStringList m_seeds;
    QHash<QString, RedisClient *> m_nodes; // by "host:port"
    std::vector<QString> m_slots;          // slot -> master address; empty: unknown
    // slot -> that master's client: a command is routed without copying or hashing an address.
    std::vector<RedisClient *> m_slotClients;
    QTimer m_refreshTimer;
    bool m_refreshing = false;
    bool m_started = false;
    bool m_ready = false;
    QString m_detail;
};

} // namespace qrc
