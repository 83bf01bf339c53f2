// StopwordList: words a query ignores (schemas/stopwords.toml).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

class StopwordList {
 public:
  static StopwordList parse(std::string_view toml_text, std::string_view origin);
  static const StopwordList& builtin();

  const std::vector<std::string>& words() const noexcept { return words_; }

 private:
  std::vector<std::string> words_;
};

}  // namespace clubsearch::schemas
