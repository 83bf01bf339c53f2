// TreeBounds: how much structured data (front matter, a site's configuration) the indexer
// reads from one file. YAML's aliases let a few hundred bytes stand for a billion values,
// and JSON nests as deep as it is written, while every reader here walks what it reads
// recursively: past these bounds a file is refused, with the reason.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace clubsearch::indexer {

// Levels of lists and tables inside one another (the top-level table is the first).
inline constexpr int kMaxTreeDepth = 64;
// Values, each alias counted as the values it stands for.
inline constexpr std::size_t kMaxTreeValues = 100'000;

// Why the YAML document `root` is beyond the bounds ("is nested deeper than 64 levels", …),
// or nullopt. Costs at most kMaxTreeValues steps, however many values the aliases make.
std::optional<std::string> yaml_beyond_bounds(const YAML::Node& root);

// Whether an event of nlohmann's parser callback (`depth`: the lists and objects open
// around it) opens a list or an object past kMaxTreeDepth.
inline bool opens_level_beyond_bounds(int depth, nlohmann::json::parse_event_t event) {
  return depth >= kMaxTreeDepth && (event == nlohmann::json::parse_event_t::object_start ||
                                    event == nlohmann::json::parse_event_t::array_start);
}
// Why a JSON document nested past kMaxTreeDepth is refused ("is nested deeper than 64 levels").
std::string json_too_deep();

}  // namespace clubsearch::indexer
