// IndexSchema: which field becomes which Xapian term prefix, weight and value slot.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clubsearch::schemas {

struct TextField {
  std::string name;
  std::string prefix;   // empty: the field is searched by plain queries only
  unsigned weight = 1;  // 0: the field is searched through its prefix only
};

struct FilterField {
  std::string name;
  std::string prefix;
  bool lowercase = true;
};

enum class ValueEncoding { string, date, list };

struct ValueSlot {
  std::string name;
  unsigned slot = 0;
  ValueEncoding encoding = ValueEncoding::string;
};

class IndexSchema {
 public:
  // Parses a schema in the format of schemas/index.toml; throws SchemaError.
  static IndexSchema parse(std::string_view toml_text, std::string_view origin);
  // The schema this program was built with (schemas/index.toml, embedded).
  static const IndexSchema& builtin();

  // Identifies the text the table was parsed from: an index records it, so a changed
  // table is noticed and the index rebuilt with it.
  std::size_t fingerprint() const noexcept { return fingerprint_; }

  unsigned version() const noexcept { return version_; }
  const std::string& language() const noexcept { return language_; }  // a Snowball stemmer name
  // "all" (stems only), "some" (words as written plus Z-prefixed stems) or "none".
  const std::string& stemming() const noexcept { return stemming_; }
  // Lookups by field name throw SchemaError for a name the schema does not declare:
  // that is a programming error caught by the first test that touches the field.
  const TextField& text(std::string_view name) const;
  const FilterField& filter(std::string_view name) const;
  const ValueSlot& value(std::string_view name) const;

  const std::vector<TextField>& text_fields() const noexcept { return text_; }
  const std::vector<FilterField>& filter_fields() const noexcept { return filters_; }
  const std::vector<ValueSlot>& value_slots() const noexcept { return values_; }

 private:
  std::size_t fingerprint_ = 0;
  unsigned version_ = 0;
  std::string language_;
  std::string stemming_;
  std::string origin_;
  std::vector<TextField> text_;
  std::vector<FilterField> filters_;
  std::vector<ValueSlot> values_;
};

}  // namespace clubsearch::schemas
