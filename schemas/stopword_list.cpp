// Loads schemas/stopwords.toml.
#include "schemas/stopword_list.h"

#include "schemas/embedded.h"
#include "schemas/schema_error.h"
#include "schemas/toml_table.h"

namespace clubsearch::schemas {

StopwordList StopwordList::parse(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  StopwordList list;
  list.words_ = detail::string_list(root, "words", origin);
  for (const std::string& word : list.words_)
    if (word.find(' ') != std::string::npos)
      throw SchemaError(std::string(origin), 0, "stopword '" + word + "' must be one word");
  return list;
}

const StopwordList& StopwordList::builtin() {
  static const StopwordList list = parse(embedded_file("stopwords.toml"), "built-in stopwords.toml");
  return list;
}

}  // namespace clubsearch::schemas
