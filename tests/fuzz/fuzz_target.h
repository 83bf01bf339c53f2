// The entry points every fuzz target defines, as libFuzzer calls them; replay_main.cpp
// calls them the same way without libFuzzer, so the normal build runs the seeds and
// every reproducer.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace clubsearch::fuzz {

// A broken promise of the code under test (a check of the target, not an exception the
// code may throw): prints `what` and aborts, which libFuzzer and the replay report as a
// crash with the input that caused it.
[[noreturn]] void broken(const char* what);

}  // namespace clubsearch::fuzz
