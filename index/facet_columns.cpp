// Facet columns: their encoding, building them from value streams or by patching the
// previous revision's, and counting with them.
#include "index/facet_columns.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "index/filters.h"
#include "index/terms.h"

namespace clubsearch::index {

namespace {

// The header: 32 words.
//   0-1 magic, 2 format, 3 schema version, 4-5 serial, 6 last docid, 7 columns,
//   8-9 checksum (XXH3-64 of every word after the header), 10-11 total words,
//   12 UUID length in bytes, 13-24 the UUID, 25-31 zero.
// Then each column: slot, forms, groups, codes, string words; string offsets (forms + 1,
// in bytes); the strings (padded to a word); form → group; group → form; starts (last
// docid + 2); codes.
constexpr std::uint32_t kMagic0 = 0x46534343;  // "CCSF"
constexpr std::uint32_t kMagic1 = 0x534c4f43;  // "COLS"
constexpr std::size_t kHeaderWords = 32;
constexpr std::size_t kUuidWords = 12;

std::uint64_t two_words(std::span<const std::uint32_t> words, std::size_t at) {
  return static_cast<std::uint64_t>(words[at]) | (static_cast<std::uint64_t>(words[at + 1]) << 32);
}

void put_two_words(std::vector<std::uint32_t>& words, std::size_t at, std::uint64_t value) {
  words[at] = static_cast<std::uint32_t>(value & 0xffffffffu);
  words[at + 1] = static_cast<std::uint32_t>(value >> 32);
}

std::uint64_t checksum(std::span<const std::uint32_t> body) {
  return XXH3_64bits(body.data(), body.size_bytes());
}

// Reads the words of an encoding in order, refusing to run past the end.
class WordReader {
 public:
  explicit WordReader(std::span<const std::uint32_t> words) : words_(words) {}
  std::uint32_t next() { return take(1)[0]; }
  std::span<const std::uint32_t> take(std::size_t count) {
    if (count > words_.size() - at_) throw std::runtime_error("the columns end early");
    const auto out = words_.subspan(at_, count);
    at_ += count;
    return out;
  }
  bool done() const { return at_ == words_.size(); }

 private:
  std::span<const std::uint32_t> words_;
  std::size_t at_ = 0;
};

}  // namespace

FacetColumns::FacetColumns(std::span<const std::uint32_t> words, std::shared_ptr<const void> keep_alive,
                           ColumnsCheck check)
    : keep_alive_(std::move(keep_alive)), words_(words) {
  if (words.size() < kHeaderWords || words[0] != kMagic0 || words[1] != kMagic1)
    throw std::runtime_error("not a facet columns file");
  if (words[2] != kColumnsFormat)
    throw std::runtime_error("facet columns of format " + std::to_string(words[2]) + ", not " +
                             std::to_string(kColumnsFormat));
  if (two_words(words, 10) != words.size()) throw std::runtime_error("the columns are cut short");
  if (check == ColumnsCheck::checksum && checksum(words.subspan(kHeaderWords)) != two_words(words, 8))
    throw std::runtime_error("the columns do not match their checksum");
  stamp_.schema_version = words[3];
  stamp_.serial = two_words(words, 4);
  stamp_.last_docid = words[6];
  const std::size_t uuid_bytes = std::min<std::size_t>(words[12], kUuidWords * 4);
  stamp_.uuid.assign(reinterpret_cast<const char*>(words.data() + 13), uuid_bytes);

  WordReader reader(words.subspan(kHeaderWords));
  const std::size_t count = words[7];
  const std::size_t starts = static_cast<std::size_t>(stamp_.last_docid) + 2;
  for (std::size_t i = 0; i < count; ++i) {
    Column column;
    column.slot = reader.next();
    const std::size_t forms = reader.next(), groups = reader.next(), codes = reader.next(),
                      string_words = reader.next();
    const auto offsets = reader.take(forms + 1);
    const auto strings = reader.take(string_words);
    const std::string_view text(reinterpret_cast<const char*>(strings.data()), strings.size_bytes());
    column.forms.reserve(forms);
    for (std::size_t form = 0; form < forms; ++form) {
      if (offsets[form] > offsets[form + 1] || offsets[form + 1] > text.size())
        throw std::runtime_error("a value of the columns lies outside them");
      column.forms.push_back(text.substr(offsets[form], offsets[form + 1] - offsets[form]));
    }
    column.form_group = reader.take(forms);
    column.group_form = reader.take(groups);
    column.starts = reader.take(starts);
    column.codes = reader.take(codes);
    for (const std::uint32_t group : column.form_group)
      if (group >= groups) throw std::runtime_error("a value of the columns has no group");
    for (const std::uint32_t form : column.group_form)
      if (form >= forms) throw std::runtime_error("a group of the columns has no value");
    if (column.starts.back() != codes) throw std::runtime_error("the columns' documents do not add up");
    columns_.push_back(std::move(column));
  }
  if (!reader.done()) throw std::runtime_error("the columns have words left over");
}

// One column being built: forms interned, documents' codes in docid order.
struct ColumnsEncoder::Builder {
  std::unordered_map<std::string, std::uint32_t> form_ids;
  std::vector<std::string> forms;
  std::vector<std::uint32_t> starts{0};  // docid 0 (none) begins at code 0
  std::vector<std::uint32_t> codes;
  std::vector<std::uint32_t> remap;  // a base column's form → this one's
  const FacetColumns::Column* remapped = nullptr;

  // Begins document `docid`: starts[d] is where document d's codes begin, and documents
  // skipped on the way hold none.
  void reach(Xapian::docid docid) {
    while (starts.size() <= docid) starts.push_back(static_cast<std::uint32_t>(codes.size()));
  }
  std::uint32_t intern(std::string_view form) {
    const auto [found, added] = form_ids.emplace(std::string(form), static_cast<std::uint32_t>(forms.size()));
    if (added) forms.emplace_back(form);
    return found->second;
  }
};

ColumnsEncoder::ColumnsEncoder(const schemas::IndexSchema& schema, ColumnsStamp stamp)
    : stamp_(std::move(stamp)) {
  for (const std::string_view name : column_slots()) {
    slots_.push_back(schema.value(name).slot);
    builders_.push_back(std::make_shared<Builder>());
  }
}

void ColumnsEncoder::add_value(std::size_t column, Xapian::docid docid, std::string_view stored) {
  Builder& builder = *builders_.at(column);
  builder.reach(docid);
  for (const std::string_view form : split_list(stored)) builder.codes.push_back(builder.intern(form));
}

void ColumnsEncoder::add_codes(std::size_t column, Xapian::docid docid, const FacetColumns& base,
                               std::span<const std::uint32_t> codes) {
  Builder& builder = *builders_.at(column);
  const FacetColumns::Column& from = base.column(column);
  if (builder.remapped != &from) {
    builder.remap.clear();
    for (const std::string_view form : from.forms) builder.remap.push_back(builder.intern(form));
    builder.remapped = &from;
  }
  builder.reach(docid);
  for (const std::uint32_t code : codes)
    if (code < builder.remap.size()) builder.codes.push_back(builder.remap[code]);
}

std::vector<std::uint32_t> ColumnsEncoder::finish() {
  std::vector<std::uint32_t> words(kHeaderWords, 0);
  words[0] = kMagic0;
  words[1] = kMagic1;
  words[2] = kColumnsFormat;
  words[3] = stamp_.schema_version;
  put_two_words(words, 4, stamp_.serial);
  words[6] = stamp_.last_docid;
  words[7] = static_cast<std::uint32_t>(builders_.size());
  const std::size_t uuid_bytes = std::min(stamp_.uuid.size(), kUuidWords * 4);
  words[12] = static_cast<std::uint32_t>(uuid_bytes);
  std::memcpy(words.data() + 13, stamp_.uuid.data(), uuid_bytes);

  for (std::size_t index = 0; index < builders_.size(); ++index) {
    Builder& builder = *builders_[index];
    builder.reach(stamp_.last_docid + 1);  // starts reaches one past the last docid
    // Forms no document holds any more (removed by an update) are dropped; the rest are
    // renumbered in the order of their lowercased values, grouped where those are equal.
    std::vector<std::uint32_t> uses(builder.forms.size(), 0);
    for (const std::uint32_t code : builder.codes) ++uses[code];
    std::vector<std::uint32_t> kept;
    std::vector<std::string> keys(builder.forms.size());
    for (std::uint32_t form = 0; form < builder.forms.size(); ++form) {
      if (uses[form] == 0) continue;
      kept.push_back(form);
      keys[form] = Xapian::Unicode::tolower(builder.forms[form]);
    }
    std::sort(kept.begin(), kept.end(), [&](std::uint32_t a, std::uint32_t b) {
      return keys[a] != keys[b] ? keys[a] < keys[b] : builder.forms[a] < builder.forms[b];
    });
    std::vector<std::uint32_t> renumbered(builder.forms.size(), 0), form_group, group_form;
    for (std::uint32_t position = 0; position < kept.size(); ++position) {
      const std::uint32_t form = kept[position];
      renumbered[form] = position;
      const bool new_group = position == 0 || keys[kept[position - 1]] != keys[form];
      if (new_group) group_form.push_back(position);
      form_group.push_back(static_cast<std::uint32_t>(group_form.size() - 1));
      // A group is shown in the form most documents use (the first of those in byte
      // order when several are used as often).
      std::uint32_t& shown = group_form.back();
      if (uses[form] > uses[kept[shown]]) shown = position;
    }
    std::vector<std::uint32_t> offsets{0};
    std::string strings;
    for (const std::uint32_t form : kept) {
      strings += builder.forms[form];
      offsets.push_back(static_cast<std::uint32_t>(strings.size()));
    }
    strings.resize((strings.size() + 3) / 4 * 4, '\0');

    words.push_back(slots_[index]);
    words.push_back(static_cast<std::uint32_t>(kept.size()));
    words.push_back(static_cast<std::uint32_t>(group_form.size()));
    words.push_back(static_cast<std::uint32_t>(builder.codes.size()));
    words.push_back(static_cast<std::uint32_t>(strings.size() / 4));
    words.insert(words.end(), offsets.begin(), offsets.end());
    const std::size_t at = words.size();
    words.resize(at + strings.size() / 4);
    std::memcpy(words.data() + at, strings.data(), strings.size());
    words.insert(words.end(), form_group.begin(), form_group.end());
    words.insert(words.end(), group_form.begin(), group_form.end());
    words.insert(words.end(), builder.starts.begin(), builder.starts.end());
    for (const std::uint32_t code : builder.codes) words.push_back(renumbered[code]);
  }
  put_two_words(words, 10, words.size());
  put_two_words(words, 8, checksum(std::span<const std::uint32_t>(words).subspan(kHeaderWords)));
  return words;
}

std::shared_ptr<FacetColumns> FacetColumns::build(const Xapian::Database& db,
                                                  const schemas::IndexSchema& schema, std::uint64_t serial) {
  ColumnsEncoder encoder(schema, {db.get_uuid(), serial, db.get_lastdocid(), schema.version()});
  const auto& slots = column_slots();
  for (std::size_t column = 0; column < slots.size(); ++column) {
    const Xapian::valueno slot = schema.value(slots[column]).slot;
    for (auto value = db.valuestream_begin(slot); value != db.valuestream_end(slot); ++value)
      encoder.add_value(column, value.get_docid(), *value);
  }
  auto words = std::make_shared<const std::vector<std::uint32_t>>(encoder.finish());
  return std::make_shared<FacetColumns>(std::span<const std::uint32_t>(*words), words);
}

std::vector<std::uint32_t> patch_columns(const FacetColumns& base, const ColumnChanges& changes,
                                         const schemas::IndexSchema& schema, const ColumnsStamp& stamp) {
  ColumnsEncoder encoder(schema, stamp);
  const std::unordered_set<Xapian::docid> removed(changes.removed.begin(), changes.removed.end());
  std::unordered_map<Xapian::docid, const Xapian::Document*> added;
  for (const auto& [docid, document] : changes.added) added[docid] = &document;
  const Xapian::docid base_last = base.stamp().last_docid;
  const auto& slots = column_slots();
  for (std::size_t column = 0; column < slots.size(); ++column) {
    const Xapian::valueno slot = schema.value(slots[column]).slot;
    const FacetColumns::Column& from = base.column(column);
    for (Xapian::docid docid = 1; docid <= stamp.last_docid; ++docid) {
      if (const auto found = added.find(docid); found != added.end()) {
        encoder.add_value(column, docid, found->second->get_value(slot));
      } else if (docid <= base_last && removed.count(docid) == 0) {
        const std::uint32_t begin = from.starts[docid], end = from.starts[docid + 1];
        if (begin < end) encoder.add_codes(column, docid, base, from.codes.subspan(begin, end - begin));
      }
    }
  }
  return encoder.finish();
}

FacetColumns::Counter::Counter(const FacetColumns& columns, std::vector<std::size_t> which)
    : columns_(columns), which_(std::move(which)), counts_(columns.size()) {
  for (std::size_t column : which_) counts_[column].assign(columns_.column(column).forms.size(), 0);
}

void FacetColumns::Counter::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid docid = doc.get_docid();
  for (std::size_t column : which_) {
    const Column& data = columns_.columns_[column];
    if (docid + 1 >= data.starts.size()) continue;  // added after the columns were written
    std::vector<Xapian::doccount>& counts = counts_[column];
    const std::uint32_t end =
        std::min<std::uint32_t>(data.starts[docid + 1], static_cast<std::uint32_t>(data.codes.size()));
    for (std::uint32_t i = data.starts[docid]; i < end; ++i) {
      const std::uint32_t code = data.codes[i];
      if (code < counts.size()) ++counts[code];
    }
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetColumns::Counter::counts(
    std::size_t column) const {
  const std::vector<Xapian::doccount>& by_form = counts_[column];
  if (by_form.empty()) return {};
  const Column& data = columns_.column(column);
  std::vector<Xapian::doccount> by_group(data.group_form.size(), 0);
  for (std::uint32_t form = 0; form < by_form.size(); ++form)
    by_group[data.form_group[form]] += by_form[form];
  std::vector<std::uint32_t> found;
  for (std::uint32_t group = 0; group < by_group.size(); ++group)
    if (by_group[group] > 0) found.push_back(group);
  std::stable_sort(found.begin(), found.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return by_group[a] > by_group[b]; });
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  out.reserve(found.size());
  for (const std::uint32_t group : found)
    out.emplace_back(std::string(data.forms[data.group_form[group]]), by_group[group]);
  return out;
}

}  // namespace clubsearch::index
