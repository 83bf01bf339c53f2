// Test support: waiting for a condition instead of sleeping for a guessed time.
#pragma once

#include <chrono>
#include <thread>

namespace clubsearch::test {

// Calls `condition` until it holds, every `interval`, for `timeout` at most; whether it
// held. A wait for something to happen; a fixed pause never proves that nothing did.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(15),
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace clubsearch::test
