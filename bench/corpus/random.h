// Random: seeded draws that give the same numbers with every compiler and library.
#pragma once

#include <cstdint>
#include <iterator>
#include <random>
#include <span>
#include <vector>

namespace clubsearch::bench {

// std::mt19937_64's output sequence is fixed by the standard, but the std::
// distributions are not (libstdc++ and libc++ map the same bits to different
// numbers), so every distribution here is our own arithmetic on the raw bits.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0. Rejection keeps it unbiased for any n.
  std::uint64_t below(std::uint64_t n);

  // Uniform in [low, high], both inclusive.
  int between(int low, int high);

  // Uniform in [0, 1) with 53 random bits: exact in IEEE double arithmetic.
  double unit();

  bool chance(double probability) { return unit() < probability; }

  // A uniformly chosen element of a vector, array or span.
  template <typename Range>
  decltype(auto) pick(const Range& items) {
    return items[below(std::size(items))];
  }

 private:
  std::mt19937_64 engine_;
};

// Draws an index with probability proportional to an integer weight. Integer
// weights keep the cumulative table identical on every platform.
class WeightedIndex {
 public:
  explicit WeightedIndex(std::span<const std::uint64_t> weights);

  std::size_t draw(Random& random) const;

 private:
  std::vector<std::uint64_t> cumulative_;
};

// Zipf–Mandelbrot ranks with exponent 1: weight of rank r is 1 / (r + offset).
// Exponent 1 needs no pow(), whose last bit may differ between libm versions.
WeightedIndex zipf_ranks(std::size_t count, std::uint64_t offset);

}  // namespace clubsearch::bench
