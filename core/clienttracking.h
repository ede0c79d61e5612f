#pragma once

#include "redisreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

namespace qrc {

class RedisClient;
class RedisConnection;

// Redis server-assisted client-side caching in BCAST mode, over RESP2 (private to core/).
// One dedicated connection per data node (the master, or each master of a cluster) asks for
// invalidations of every key under `prefix` with
//   CLIENT TRACKING on REDIRECT <its own id> BCAST PREFIX <prefix>
// and SUBSCRIBEs to __redis__:invalidate, where Redis then publishes the keys any client
// changes (or nil for FLUSHDB/FLUSHALL).
//
// Tracking is on only while every node's connection is subscribed. When one drops, or the
// client leaves Connected, all are closed and tracking is off until they are back: messages
// may have been missed in between, so the owner must forget what it cached.
class ClientTracking : public QObject {
    Q_OBJECT
public:
    ClientTracking(RedisClient *client, const QByteArray &prefix, QObject *parent = nullptr);
    ~ClientTracking() override;

    bool isOn() const { return m_on; }

Q_SIGNALS:
    void trackingChanged(bool on);
    void keysChanged(const QList<QByteArray> &keys);
    void everythingChanged();

private:
    void rebuild();
    void teardown(const QString &why);
    void subscribe(RedisConnection *conn);
    void refused(RedisConnection *conn, const QString &why);
    void onSubscribed();
    void onMessage(const RedisReply &message);
    void setOn(bool on);

    RedisClient *m_client;
    QByteArray m_prefix;
    QList<RedisConnection *> m_nodes;
    int m_subscribed = 0;
    bool m_on = false;
    bool m_warned = false;
    int m_retryMs;
    QTimer m_retry;
};

} // namespace qrc
