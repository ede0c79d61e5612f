#pragma once

#include "redisreply.h"

#include <QByteArrayView>
#include <QString>

#include <cstddef>

struct redisReader;
struct redisReadTask;

namespace qrc {

// Turns the bytes Redis sends into replies: hiredis' reader behind a Qt-typed interface. It is
// the only place that parses Redis' bytes, so RedisConnection and the fuzz target
// (tests/fuzz/fuzz_redis_reply.cpp) exercise the same code. Once it has failed it stays failed:
// the stream has lost its framing and the connection must be closed.
class RespReader {
public:
    // Largest array accepted. hiredis 0.14 allocates an array's element table from the count
    // it reads, before any element arrives: "*1000000000" asked for 8 GB (found by
    // fuzz_redis_reply). Our largest replies are SCAN pages of a few hundred keys.
    static constexpr int MaxArrayElements = 1 << 20;

    enum class Status { Reply, NeedMore, Error };

    RespReader();
    ~RespReader();
    RespReader(const RespReader &) = delete;
    RespReader &operator=(const RespReader &) = delete;

    // False when the bytes cannot be taken (the reader has failed).
    bool feed(QByteArrayView bytes);
    // The next complete reply, if the bytes fed so far hold one.
    Status next(RedisReply *reply);
    QString errorString() const;

private:
    static RedisReply *slotFor(const ::redisReadTask *task);
    static void *createString(const ::redisReadTask *task, char *str, size_t len);
    static void *createArray(const ::redisReadTask *task, int elements);
    static void *createInteger(const ::redisReadTask *task, long long value);
    static void *createNil(const ::redisReadTask *task);
    static void freeObject(void *object);

    redisReader *m_reader = nullptr;
    RedisReply m_building; // the reply being parsed; hiredis holds pointers into it
    bool m_failed = false;
    qint64 m_refusedArray = -1; // the element count that failed the reader, if one did
};

} // namespace qrc
