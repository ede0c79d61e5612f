#pragma once

#include <cstddef>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace qrc {

template <typename Signature>
class InlineFunction;

// A copyable callable like std::function that keeps a callable of up to Capacity bytes (a
// shared_ptr and a pointer or two) inside itself. libstdc++'s std::function keeps only
// trivially copyable callables of 16 bytes inline: a lambda that owns something (a captured
// shared_ptr) costs a heap allocation each time one is made, which on the request path is
// once per request. Larger callables, or ones whose move may throw, go to the heap as there.
template <typename R, typename... Args>
class InlineFunction<R(Args...)> {
public:
    static constexpr std::size_t Capacity = 4 * sizeof(void *);

    InlineFunction() noexcept {}
    InlineFunction(std::nullptr_t) noexcept {}

    template <typename F, typename D = std::decay_t<F>>
    requires(!std::is_same_v<D, InlineFunction> && std::is_copy_constructible_v<D> &&
             std::is_invocable_r_v<R, D &, Args...>) InlineFunction(F &&f) {
        if constexpr (std::is_pointer_v<D> || std::is_member_pointer_v<D>) {
            if (!f)
                return; // a null function pointer makes an empty function, as in std::function
        }
        if constexpr (FitsInline<D>)
            ::new (static_cast<void *>(m_storage)) D(std::forward<F>(f));
        else
            *reinterpret_cast<D **>(m_storage) = new D(std::forward<F>(f));
        m_ops = &OpsFor<D>;
    }

    InlineFunction(const InlineFunction &other) {
        if (other.m_ops)
            other.m_ops->copy(m_storage, other.m_storage);
        m_ops = other.m_ops;
    }
    InlineFunction(InlineFunction &&other) noexcept { take(other); }
    InlineFunction &operator=(const InlineFunction &other) {
        if (this != &other)
            *this = InlineFunction(other);
        return *this;
    }
    InlineFunction &operator=(InlineFunction &&other) noexcept {
        if (this != &other) {
            reset();
            take(other);
        }
        return *this;
    }
    ~InlineFunction() { reset(); }

    explicit operator bool() const noexcept { return m_ops != nullptr; }

    // Like std::function: calling an empty one throws std::bad_function_call.
    R operator()(Args... args) const {
        if (!m_ops)
            throw std::bad_function_call();
        return m_ops->invoke(const_cast<unsigned char *>(m_storage), std::forward<Args>(args)...);
    }

private:
    struct Ops {
        R (*invoke)(void *storage, Args &&...args);
        void (*copy)(void *to, const void *from);
        void (*move)(void *to, void *from) noexcept; // leaves `from` destroyed
        void (*destroy)(void *storage) noexcept;
    };

    template <typename D>
    static constexpr bool FitsInline =
        sizeof(D) <= Capacity &&
        alignof(D) <= alignof(std::max_align_t) && std::is_nothrow_move_constructible_v<D>;

    template <typename D>
    static D *target(void *storage) {
        if constexpr (FitsInline<D>)
            return std::launder(reinterpret_cast<D *>(storage));
        else
            return *static_cast<D **>(storage);
    }
    template <typename D>
    static R invokeOf(void *storage, Args &&...args) {
        if constexpr (std::is_void_v<R>)
            std::invoke(*target<D>(storage), std::forward<Args>(args)...);
        else
            return std::invoke(*target<D>(storage), std::forward<Args>(args)...);
    }
    template <typename D>
    static void copyOf(void *to, const void *from) {
        const D &f = *target<D>(const_cast<void *>(from));
        if constexpr (FitsInline<D>)
            ::new (to) D(f);
        else
            *static_cast<D **>(to) = new D(f);
    }
    template <typename D>
    static void moveOf(void *to, void *from) noexcept {
        if constexpr (FitsInline<D>) {
            D *f = target<D>(from);
            ::new (to) D(std::move(*f));
            f->~D();
        } else {
            *static_cast<D **>(to) = *static_cast<D **>(from);
        }
    }
    template <typename D>
    static void destroyOf(void *storage) noexcept {
        if constexpr (FitsInline<D>)
            target<D>(storage)->~D();
        else
            delete target<D>(storage);
    }
    template <typename D>
    static constexpr Ops OpsFor = {&invokeOf<D>, &copyOf<D>, &moveOf<D>, &destroyOf<D>};

    void take(InlineFunction &other) noexcept {
        if (other.m_ops)
            other.m_ops->move(m_storage, other.m_storage);
        m_ops = std::exchange(other.m_ops, nullptr);
    }
    void reset() noexcept {
        if (m_ops)
            std::exchange(m_ops, nullptr)->destroy(m_storage);
    }

    alignas(std::max_align_t) unsigned char m_storage[Capacity];
    const Ops *m_ops = nullptr;
};

} // namespace qrc
