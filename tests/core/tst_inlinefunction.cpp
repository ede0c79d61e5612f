// InlineFunction: a copyable callable that keeps small callables (a captured shared_ptr) in
// itself. Heap allocations are counted by this executable's own operator new.
#include "inlinefunction.h"

#include <QTest>

#include <array>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>

namespace {
std::atomic<long> allocations{0};
} // namespace

void *operator new(std::size_t size) {
    ++allocations;
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept {
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
    std::free(p);
}

using namespace qrc;

class TestInlineFunction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aCallableOwningASharedPtrIsKeptWithoutAllocating();
    void copiesHoldTheirOwnCallable();
    void aMovedFromFunctionIsEmptyAndReleasesNothingTwice();
    void aLargeCallableStillWorksAndIsReleased();
    void assigningReleasesThePreviousCallable();
    void anEmptyFunctionThrowsBadFunctionCall();
    void aNullFunctionPointerMakesAnEmptyFunction();
    void argumentsAndResultsPassThrough();
};

void TestInlineFunction::aCallableOwningASharedPtrIsKeptWithoutAllocating() {
    auto owned = std::make_shared<int>(41);
    const long before = allocations.load();
    {
        InlineFunction<int()> f = [owned, extra = owned.get()] { return *owned + (extra ? 1 : 0); };
        QCOMPARE(allocations.load(), before);
        QCOMPARE(owned.use_count(), 2);
        QCOMPARE(f(), 42);
        InlineFunction<int()> moved = std::move(f);
        QCOMPARE(allocations.load(), before);
        QCOMPARE(moved(), 42);
    }
    QCOMPARE(owned.use_count(), 1);
    // std::function puts the same callable on the heap: what this type exists to avoid.
    std::function<int()> heap = [owned] { return *owned; };
    QCOMPARE(allocations.load(), before + 1);
}

void TestInlineFunction::copiesHoldTheirOwnCallable() {
    InlineFunction<int()> counter = [n = 0]() mutable { return ++n; };
    QCOMPARE(counter(), 1);
    InlineFunction<int()> copy = counter;
    QCOMPARE(counter(), 2);
    QCOMPARE(copy(), 2); // copied with its state at the time, then on its own
    QCOMPARE(copy(), 3);
    QCOMPARE(counter(), 3);
}

void TestInlineFunction::aMovedFromFunctionIsEmptyAndReleasesNothingTwice() {
    auto owned = std::make_shared<int>(1);
    InlineFunction<void()> f = [owned] {};
    QCOMPARE(owned.use_count(), 2);
    InlineFunction<void()> g(std::move(f));
    QVERIFY(!f);
    QVERIFY(g);
    QCOMPARE(owned.use_count(), 2);
    f = std::move(g);
    QVERIFY(f);
    QVERIFY(!g);
    QCOMPARE(owned.use_count(), 2);
    f = nullptr;
    QCOMPARE(owned.use_count(), 1);
}

void TestInlineFunction::aLargeCallableStillWorksAndIsReleased() {
    auto owned = std::make_shared<int>(7);
    std::array<int, 64> big{};
    big[63] = 5;
    {
        InlineFunction<int()> f = [owned, big] { return *owned + big[63]; };
        static_assert(sizeof(big) > InlineFunction<int()>::Capacity);
        QCOMPARE(f(), 12);
        InlineFunction<int()> copy = f;
        InlineFunction<int()> moved = std::move(f);
        QCOMPARE(copy(), 12);
        QCOMPARE(moved(), 12);
        QCOMPARE(owned.use_count(), 3);
    }
    QCOMPARE(owned.use_count(), 1);
}

void TestInlineFunction::assigningReleasesThePreviousCallable() {
    auto first = std::make_shared<int>(1);
    auto second = std::make_shared<int>(2);
    InlineFunction<int()> f = [first] { return *first; };
    const InlineFunction<int()> g = [second] { return *second; };
    f = g;
    QCOMPARE(first.use_count(), 1);
    QCOMPARE(second.use_count(), 3);
    QCOMPARE(f(), 2);
    const InlineFunction<int()> &self = f;
    f = self; // self-assignment keeps it
    QCOMPARE(f(), 2);
    QCOMPARE(second.use_count(), 3);
}

void TestInlineFunction::anEmptyFunctionThrowsBadFunctionCall() {
    const InlineFunction<void()> f;
    QVERIFY(!f);
    QVERIFY_THROWS_EXCEPTION(std::bad_function_call, f());
}

void TestInlineFunction::aNullFunctionPointerMakesAnEmptyFunction() {
    int (*none)() = nullptr;
    const InlineFunction<int()> f = none;
    QVERIFY(!f);
    int (*one)() = [] { return 1; };
    const InlineFunction<int()> g = one;
    QVERIFY(g);
    QCOMPARE(g(), 1);
}

void TestInlineFunction::argumentsAndResultsPassThrough() {
    auto moved = std::make_unique<int>(3);
    InlineFunction<int(const QString &, std::unique_ptr<int> &&, int &)> f =
        [](const QString &text, std::unique_ptr<int> &&p, int &out) {
            out = int(text.size());
            return *p * 2;
        };
    int out = 0;
    QCOMPARE(f(QStringLiteral("four"), std::move(moved), out), 6);
    QCOMPARE(out, 4);
}

QTEST_GUILESS_MAIN(TestInlineFunction)
#include "tst_inlinefunction.moc"
