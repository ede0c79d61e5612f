#include "respreader.h"

#include <hiredis/hiredis.h>
#include <hiredis/read.h>

#include <algorithm>
#include <utility>

namespace qrc {

// hiredis' reader builds each reply through these functions. Its own ones allocate a redisReply
// and copy every string into it, and the reply was then converted into a RedisReply and freed:
// three allocations and two copies of the value per GET. Ours build the RedisReply in place:
// the root is the reader's m_building, an element is appended to its parent's list when it
// arrives. Elements arrive in order and hiredis only keeps the pointer of the innermost open
// array (its parent's, in the grandparent's list, does not move meanwhile), so a list growing
// invalidates no pointer hiredis still holds; and memory grows with the bytes received, not
// with the element count a reply announces.
namespace {

RespReader *readerOf(const redisReadTask *task) {
    return static_cast<RespReader *>(task->privdata);
}

} // namespace

RedisReply *RespReader::slotFor(const redisReadTask *task) {
    if (!task->parent)
        return &readerOf(task)->m_building;
    auto *parent = static_cast<RedisReply *>(task->parent->obj);
    Q_ASSERT(parent->elements.size() == task->idx);
    return &parent->elements.emplace_back();
}

void *RespReader::createString(const redisReadTask *task, char *str, size_t len) {
    RedisReply *r = slotFor(task);
    switch (task->type) {
    case REDIS_REPLY_STATUS:
        r->type = RedisReply::Type::Status;
        break;
    case REDIS_REPLY_ERROR:
        r->type = RedisReply::Type::Error;
        break;
    default:
        r->type = RedisReply::Type::String;
        break;
    }
    r->string = QByteArray(str, qsizetype(len));
    return r;
}

void *RespReader::createArray(const redisReadTask *task, int elements) {
    if (elements > MaxArrayElements) {
        readerOf(task)->m_refusedArray = elements;
        return nullptr; // the reader fails ("out of memory"), before allocating
    }
    RedisReply *r = slotFor(task);
    r->type = RedisReply::Type::Array;
    // Room for what a usual reply holds; a larger array grows as its elements arrive.
    r->elements.reserve(std::min(elements, 1024));
    return r;
}

void *RespReader::createInteger(const redisReadTask *task, long long value) {
    RedisReply *r = slotFor(task);
    r->type = RedisReply::Type::Integer;
    r->integer = value;
    return r;
}

void *RespReader::createNil(const redisReadTask *task) {
    RedisReply *r = slotFor(task);
    r->type = RedisReply::Type::Nil;
    return r;
}

void RespReader::freeObject(void *) {
    // Everything lives in m_building, which the reader owns; next() and the destructor reset it.
}

RespReader::RespReader() {
    static redisReplyObjectFunctions functions{&RespReader::createString, &RespReader::createArray,
                                               &RespReader::createInteger, &RespReader::createNil,
                                               &RespReader::freeObject};
    m_reader = redisReaderCreateWithFunctions(&functions);
    if (m_reader)
        m_reader->privdata = this;
}

RespReader::~RespReader() {
    if (m_reader)
        redisReaderFree(m_reader);
}

bool RespReader::feed(QByteArrayView bytes) {
    if (m_failed || !m_reader)
        return false;
    if (bytes.isEmpty())
        return true;
    if (redisReaderFeed(m_reader, bytes.data(), size_t(bytes.size())) != REDIS_OK)
        m_failed = true;
    return !m_failed;
}

RespReader::Status RespReader::next(RedisReply *reply) {
    if (m_failed || !m_reader)
        return Status::Error;
    void *raw = nullptr;
    if (redisReaderGetReply(m_reader, &raw) != REDIS_OK) {
        m_failed = true;
        m_building = RedisReply();
        return Status::Error;
    }
    if (!raw)
        return Status::NeedMore;
    *reply = std::exchange(m_building, RedisReply());
    return Status::Reply;
}

QString RespReader::errorString() const {
    if (!m_reader)
        return QStringLiteral("out of memory");
    if (m_refusedArray >= 0)
        return QStringLiteral("array of %1 elements refused (at most %2)")
            .arg(m_refusedArray)
            .arg(MaxArrayElements);
    return QString::fromUtf8(m_reader->errstr);
}

} // namespace qrc
