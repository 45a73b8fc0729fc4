#include "openspins/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstring>

#include "openspins/config/message_table.hpp"

namespace openspins {

namespace {

std::atomic<int> pending{0};
static_assert(std::atomic<int>::is_always_lock_free, "request_interrupt must be async-signal-safe");

}  // namespace

Interrupted::Interrupted(int signal)
    : std::runtime_error(messages::format_message("interrupted_by", {::strsignal(signal)})), signal_(signal) {}

void request_interrupt(int signal) noexcept { pending.store(signal, std::memory_order_relaxed); }

int interrupt_requested() noexcept { return pending.load(std::memory_order_relaxed); }

void clear_interrupt() noexcept { pending.store(0, std::memory_order_relaxed); }

void throw_if_interrupted() {
    if (const int signal = interrupt_requested()) throw Interrupted(signal);
}

}  // namespace openspins
