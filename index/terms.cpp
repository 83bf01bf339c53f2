// Term and value rules shared by the indexer and the query layer.
#include "index/terms.h"

#include <algorithm>

#include "index/ascii.h"
#include "index/hashing.h"
#include "index/link_keys.h"

namespace clubsearch::index {

namespace {

}  // namespace

std::string cut_to_term(std::string text) {
  if (text.size() <= kMaxTermBytes) return text;
  std::size_t cut = kMaxTermBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

std::string TermRules::term(std::string_view filter, std::string_view key) const {
  const schemas::FilterField& spec = schema_.filter(filter);
  std::string value(key);
  return cut_to_term(spec.prefix + (spec.lowercase ? Xapian::Unicode::tolower(value) : value));
}

std::optional<std::string_view> word_of_term(std::string_view term, const schemas::IndexSchema& schema) {
  const std::string& prefix = schema.text_prefix();
  if (term.substr(0, prefix.size()) != prefix) return std::nullopt;
  term.remove_prefix(prefix.size());
  if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) return std::nullopt;
  return term;
}

Xapian::TermGenerator::stem_strategy TermRules::generator_stemming() const {
  return schema_.stemming() == "all"    ? Xapian::TermGenerator::STEM_ALL
         : schema_.stemming() == "some" ? Xapian::TermGenerator::STEM_SOME
                                        : Xapian::TermGenerator::STEM_NONE;
}

Xapian::QueryParser::stem_strategy TermRules::parser_stemming() const {
  return schema_.stemming() == "all"    ? Xapian::QueryParser::STEM_ALL
         : schema_.stemming() == "some" ? Xapian::QueryParser::STEM_SOME
                                        : Xapian::QueryParser::STEM_NONE;
}

std::string filter_key(std::string_view filter, std::string_view written) {
  if (filter == "arxiv") return arxiv_id(written);
  if (filter == "url") return url_key(written);
  if (filter == "permalink") return permalink_key(written);
  if (filter == "host") {
    std::string host = ascii_lowercase(written);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
  }
  if (filter == "month") {
    if (written.size() != 7 || written[4] != '-' || !all_digits(written.substr(0, 4)) ||
        !all_digits(written.substr(5)))
      return {};
    const int month = (written[5] - '0') * 10 + (written[6] - '0');
    return month >= 1 && month <= 12 ? std::string(written.substr(0, 4)) + std::string(written.substr(5))
                                     : std::string();
  }
  if (filter == "year")
    return written.size() == 4 && all_digits(written) ? std::string(written) : std::string();
  if (filter == "type") {
    const std::string type = ascii_lowercase(written);
    return type == "entry" || type == "post" || type == "paper" ? type : std::string();
  }
  return std::string(written);
}

std::string post_id(std::string_view relative_path) { return hash64_hex(relative_path); }

std::string join_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += '\n';
    std::string clean = value;
    std::replace(clean.begin(), clean.end(), '\n', ' ');
    out += clean;
  }
  return out;
}

std::vector<std::string_view> split_list(std::string_view encoded) {
  std::vector<std::string_view> out;
  while (!encoded.empty()) {
    const auto end = encoded.find('\n');
    const std::string_view item = encoded.substr(0, end);
    if (!item.empty()) out.push_back(item);
    encoded = end == std::string_view::npos ? std::string_view() : encoded.substr(end + 1);
  }
  return out;
}

}  // namespace clubsearch::index
