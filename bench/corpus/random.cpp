// Random: the distributions of the corpus generator, written out so they are portable.
#include "corpus/random.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace clubsearch::bench {

std::uint64_t Random::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("Random::below(0)");
  // Values at or above `limit` would favour the low residues; draw again.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t bits = engine_();
  while (bits >= limit) bits = engine_();
  return bits % n;
}

int Random::between(int low, int high) {
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low) + 1;
  return static_cast<int>(low + static_cast<std::int64_t>(below(span)));
}

double Random::unit() {
  constexpr double two_to_minus_53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(engine_() >> 11) * two_to_minus_53;
}

WeightedIndex::WeightedIndex(std::span<const std::uint64_t> weights) {
  cumulative_.reserve(weights.size());
  std::uint64_t total = 0;
  for (const std::uint64_t weight : weights) {
    total += weight;
    cumulative_.push_back(total);
  }
  if (total == 0) throw std::invalid_argument("WeightedIndex: all weights are zero");
}

std::size_t WeightedIndex::draw(Random& random) const {
  const std::uint64_t target = random.below(cumulative_.back());
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  return static_cast<std::size_t>(it - cumulative_.begin());
}

WeightedIndex zipf_ranks(std::size_t count, std::uint64_t offset) {
  // 2^40 / (rank + offset) keeps ~30 significant bits even for rank 10^6.
  constexpr std::uint64_t scale = std::uint64_t{1} << 40;
  std::vector<std::uint64_t> weights(count);
  for (std::size_t rank = 0; rank < count; ++rank) weights[rank] = scale / (rank + 1 + offset);
  return WeightedIndex(weights);
}

}  // namespace clubsearch::bench
