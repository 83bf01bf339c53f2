// Words of a text as the topic matcher and the spelling corrector see them.
#pragma once

#include <string_view>
#include <vector>

namespace clubsearch::index {

// Runs of ASCII letters and digits, and of non-ASCII characters (so accented words stay
// whole); everything else separates words. "fine-tuning" is two words.
std::vector<std::string_view> words_of(std::string_view text);

}  // namespace clubsearch::index
