// "Did you mean": the known name nearest to one a user mistyped (an option, a command).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::cli {

// Edits (a letter added, removed or changed, or two neighbours swapped) that turn `a`
// into `b`: the optimal string alignment distance.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The names of `known` nearest to `typed`, in their order, when close enough to be a slip
// of the keyboard (one edit in a name of up to five letters, two up to nine, three beyond)
// or when `typed` (three letters or more) begins exactly one of them; empty otherwise.
// Several only when equally near.
std::vector<std::string> nearest_names(std::string_view typed, const std::vector<std::string>& known);

}  // namespace clubsearch::cli
