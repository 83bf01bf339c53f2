// Facet columns: their encoding, building them from value streams or by patching the
// previous revision's, and counting with them.
#include "index/facet_columns.h"

#include <xxhash.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
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

// Writes the header of either format into `words` (its first kHeaderWords), but for the
// checksum and size (words 8-11), which follow what comes after it.
void put_header(std::vector<std::uint32_t>& words, std::uint32_t format, const ColumnsStamp& stamp,
                std::size_t columns) {
  words[0] = kMagic0;
  words[1] = kMagic1;
  words[2] = format;
  words[3] = stamp.schema_version;
  put_two_words(words, 4, stamp.serial);
  words[6] = stamp.last_docid;
  words[7] = static_cast<std::uint32_t>(columns);
  const std::size_t uuid_bytes = std::min(stamp.uuid.size(), kUuidWords * 4);
  words[12] = static_cast<std::uint32_t>(uuid_bytes);
  std::memcpy(words.data() + 13, stamp.uuid.data(), uuid_bytes);
}

// The stamp a header of either format records.
ColumnsStamp stamp_of(std::span<const std::uint32_t> words) {
  ColumnsStamp stamp;
  stamp.schema_version = words[3];
  stamp.serial = two_words(words, 4);
  stamp.last_docid = words[6];
  const std::size_t uuid_bytes = std::min<std::size_t>(words[12], kUuidWords * 4);
  stamp.uuid.assign(reinterpret_cast<const char*>(words.data() + 13), uuid_bytes);
  return stamp;
}

// Reads the words (a span) or bytes (a string_view) of an encoding in order, refusing to
// run past the end.
template <typename View>
class Reader {
 public:
  explicit Reader(View items) : items_(items) {}
  auto next() { return take(1)[0]; }
  View take(std::size_t count) {
    if (count > items_.size() - at_) throw std::runtime_error("the columns end early");
    const View out(items_.data() + at_, count);
    at_ += count;
    return out;
  }
  bool done() const { return at_ == items_.size(); }

 private:
  View items_;
  std::size_t at_ = 0;
};
using WordReader = Reader<std::span<const std::uint32_t>>;

// One column of the format: slot, forms, groups, codes, string words; string offsets
// (forms + 1, in bytes); the strings (padded to a word); form → group; group → form;
// starts (last docid + 2); codes. Its structure is checked.
FacetColumns::Column read_column(WordReader& reader, Xapian::docid last_docid) {
  FacetColumns::Column column;
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
  column.starts = reader.take(static_cast<std::size_t>(last_docid) + 2);
  column.codes = reader.take(codes);
  for (const std::uint32_t group : column.form_group)
    if (group >= groups) throw std::runtime_error("a value of the columns has no group");
  for (const std::uint32_t form : column.group_form)
    if (form >= forms) throw std::runtime_error("a group of the columns has no value");
  if (column.starts.back() != codes) throw std::runtime_error("the columns' documents do not add up");
  return column;
}

// Appends one column to `words`, as read_column reads it (`strings` padded to a word).
void put_column(std::vector<std::uint32_t>& words, std::uint32_t slot, std::span<const std::uint32_t> offsets,
                std::string_view strings, std::span<const std::uint32_t> form_group,
                std::span<const std::uint32_t> group_form, std::span<const std::uint32_t> starts,
                std::span<const std::uint32_t> codes) {
  words.push_back(slot);
  words.push_back(static_cast<std::uint32_t>(offsets.size() - 1));
  words.push_back(static_cast<std::uint32_t>(group_form.size()));
  words.push_back(static_cast<std::uint32_t>(codes.size()));
  words.push_back(static_cast<std::uint32_t>(strings.size() / 4));
  words.insert(words.end(), offsets.begin(), offsets.end());
  const std::size_t at = words.size();
  words.resize(at + strings.size() / 4);
  std::memcpy(words.data() + at, strings.data(), strings.size());
  words.insert(words.end(), form_group.begin(), form_group.end());
  words.insert(words.end(), group_form.begin(), group_form.end());
  words.insert(words.end(), starts.begin(), starts.end());
  words.insert(words.end(), codes.begin(), codes.end());
}

// The packed format (kPackedColumnsFormat), in bytes, little-endian. The header is the 32
// words of the other format's, but for words 8-9 (the checksum of the table that follows
// it) and 10-11 (the file's size in bytes). The table: per column 6 words, its offset in
// the file (2 words), its bytes, its bytes unpacked, the checksum of its bytes (2 words).
// Then the columns, each zlib-compressed: unsigned varints of slot, forms, groups, each
// form's length in bytes, then the forms' bytes, then form → group, group → form, and the
// documents from docid 0 to the last in runs: documents, their number of codes, the codes
// (a run is documents that hold the same codes).
static_assert(std::endian::native == std::endian::little, "packed columns are written as they are in memory");
constexpr std::size_t kTableWords = 6;

void put_varint(std::string& out, std::uint32_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// The next unsigned varint of an unpacked column.
std::uint32_t next_varint(Reader<std::string_view>& reader) {
  std::uint32_t value = 0;
  for (unsigned shift = 0; shift < 35; shift += 7) {
    const auto byte = static_cast<unsigned char>(reader.next());
    value |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return value;
  }
  throw std::runtime_error("a number of the columns is too long");
}

// A column's varints (the packed format's, before compression).
std::string pack_column(const FacetColumns::Column& column) {
  std::string out;
  put_varint(out, column.slot);
  put_varint(out, static_cast<std::uint32_t>(column.forms.size()));
  put_varint(out, static_cast<std::uint32_t>(column.group_form.size()));
  for (const std::string_view form : column.forms) put_varint(out, static_cast<std::uint32_t>(form.size()));
  for (const std::string_view form : column.forms) out += form;
  for (const std::uint32_t group : column.form_group) put_varint(out, group);
  for (const std::uint32_t form : column.group_form) put_varint(out, form);
  const auto codes_of = [&](std::size_t docid) {
    return column.codes.subspan(column.starts[docid], column.starts[docid + 1] - column.starts[docid]);
  };
  const std::size_t documents = column.starts.size() - 1;  // docid 0 to the last
  for (std::size_t docid = 0; docid < documents;) {
    const auto codes = codes_of(docid);
    const auto same = [&](std::span<const std::uint32_t> other) {
      return std::equal(other.begin(), other.end(), codes.begin(), codes.end());
    };
    std::size_t next = docid + 1;
    while (next < documents && same(codes_of(next))) ++next;
    put_varint(out, static_cast<std::uint32_t>(next - docid));
    put_varint(out, static_cast<std::uint32_t>(codes.size()));
    for (const std::uint32_t code : codes) put_varint(out, code);
    docid = next;
  }
  return out;
}

// A column's words in the other format (read_column's), from its varints.
std::vector<std::uint32_t> unpack_column(std::string_view bytes, Xapian::docid last_docid) {
  Reader<std::string_view> reader(bytes);
  const std::uint32_t slot = next_varint(reader), forms = next_varint(reader), groups = next_varint(reader);
  // Each count is bounded by the bytes that must follow it, before anything is sized by it.
  if (forms > bytes.size() || groups > bytes.size()) throw std::runtime_error("the columns end early");
  std::vector<std::uint32_t> offsets{0};
  for (std::uint32_t form = 0; form < forms; ++form) {
    const std::uint64_t end = std::uint64_t{offsets.back()} + next_varint(reader);
    if (end > bytes.size()) throw std::runtime_error("the columns end early");
    offsets.push_back(static_cast<std::uint32_t>(end));
  }
  std::string strings(reader.take(offsets.back()));
  strings.resize((strings.size() + 3) / 4 * 4, '\0');
  std::vector<std::uint32_t> form_group, group_form, starts{0}, codes;
  for (std::uint32_t form = 0; form < forms; ++form) form_group.push_back(next_varint(reader));
  for (std::uint32_t group = 0; group < groups; ++group) group_form.push_back(next_varint(reader));
  const std::size_t documents = static_cast<std::size_t>(last_docid) + 1;
  while (starts.size() <= documents) {
    const std::uint32_t run = next_varint(reader), count = next_varint(reader);
    if (run == 0 || run > documents + 1 - starts.size()) throw std::runtime_error("the columns' documents do not add up");
    if (std::uint64_t{run} * count > std::numeric_limits<std::uint32_t>::max() - codes.size())
      throw std::runtime_error("the columns hold too many values");
    const std::size_t first = codes.size();
    for (std::uint32_t i = 0; i < count; ++i) codes.push_back(next_varint(reader));
    for (std::uint32_t i = 1; i < run; ++i)
      for (std::uint32_t j = 0; j < count; ++j) {
        const std::uint32_t code = codes[first + j];
        codes.push_back(code);
      }
    for (std::uint32_t i = 0; i < run; ++i) starts.push_back(static_cast<std::uint32_t>(first + (i + 1) * count));
  }
  if (!reader.done()) throw std::runtime_error("the columns have bytes left over");
  std::vector<std::uint32_t> words;
  put_column(words, slot, offsets, strings, form_group, group_form, starts, codes);
  return words;
}

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
  stamp_ = stamp_of(words);

  WordReader reader(words.subspan(kHeaderWords));
  const std::size_t count = words[7];
  for (std::size_t i = 0; i < count; ++i) columns_.push_back(read_column(reader, stamp_.last_docid));
  if (!reader.done()) throw std::runtime_error("the columns have words left over");
}

const FacetColumns::Column& FacetColumns::column(std::size_t index) const {
  const Column& found = columns_.at(index);
  if (packed_) std::call_once(packed_[index].once, [&] { unpack(index); });
  return found;
}

std::shared_ptr<FacetColumns> FacetColumns::read_packed(ReadAt read, std::uint64_t file_bytes) {
  const std::string header = read(0, kHeaderWords * 4);
  std::array<std::uint32_t, kHeaderWords> words{};
  std::memcpy(words.data(), header.data(), header.size());
  if (words[0] != kMagic0 || words[1] != kMagic1) throw std::runtime_error("not a facet columns file");
  if (words[2] != kPackedColumnsFormat)
    throw std::runtime_error("facet columns of format " + std::to_string(words[2]) + ", not " +
                             std::to_string(kPackedColumnsFormat));
  if (two_words(words, 10) != file_bytes) throw std::runtime_error("the columns are cut short");
  const std::size_t count = words[7];
  if (count > (file_bytes - kHeaderWords * 4) / (kTableWords * 4)) throw std::runtime_error("the columns end early");
  const std::string table_bytes = read(kHeaderWords * 4, count * kTableWords * 4);
  if (XXH3_64bits(table_bytes.data(), table_bytes.size()) != two_words(words, 8))
    throw std::runtime_error("the columns do not match their checksum");
  std::vector<std::uint32_t> table(count * kTableWords);
  std::memcpy(table.data(), table_bytes.data(), table_bytes.size());

  auto columns = std::shared_ptr<FacetColumns>(new FacetColumns());
  columns->stamp_ = stamp_of(words);
  columns->columns_.resize(count);
  columns->packed_ = std::make_unique<Packed[]>(count);
  for (std::size_t i = 0; i < count; ++i) {
    Packed& packed = columns->packed_[i];
    packed.offset = two_words(table, i * kTableWords);
    packed.bytes = table[i * kTableWords + 2];
    packed.unpacked_bytes = table[i * kTableWords + 3];
    packed.checksum = two_words(table, i * kTableWords + 4);
    if (packed.offset > file_bytes || packed.bytes > file_bytes - packed.offset)
      throw std::runtime_error("a column lies outside the columns");
  }
  columns->read_ = std::move(read);
  return columns;
}

void FacetColumns::unpack(std::size_t index) const {
  Packed& packed = packed_[index];
  const std::string bytes = read_(packed.offset, packed.bytes);
  if (XXH3_64bits(bytes.data(), bytes.size()) != packed.checksum)
    throw std::runtime_error("a column does not match its checksum");
  std::string unpacked(packed.unpacked_bytes, '\0');
  uLongf size = packed.unpacked_bytes;
  if (::uncompress(reinterpret_cast<Bytef*>(unpacked.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                   bytes.size()) != Z_OK ||
      size != packed.unpacked_bytes)
    throw std::runtime_error("a column cannot be unpacked");
  packed.words = unpack_column(unpacked, stamp_.last_docid);
  WordReader reader(packed.words);
  columns_[index] = read_column(reader, stamp_.last_docid);
}

std::uint64_t FacetColumns::packed_bytes_before(std::size_t index) const {
  if (!packed_) throw std::logic_error("the columns were not read packed");
  return packed_[index].offset;
}

std::string pack_columns(const FacetColumns& columns) {
  std::vector<std::uint32_t> words(kHeaderWords + columns.size() * kTableWords, 0);
  put_header(words, kPackedColumnsFormat, columns.stamp(), columns.size());
  std::string sections;
  for (std::size_t index = 0; index < columns.size(); ++index) {
    const std::string column = pack_column(columns.column(index));
    uLongf size = ::compressBound(column.size());
    std::string packed(size, '\0');
    if (::compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(column.data()),
                    column.size(), Z_BEST_COMPRESSION) != Z_OK)
      throw std::runtime_error("the columns cannot be packed");
    packed.resize(size);
    const std::size_t at = kHeaderWords + index * kTableWords;
    put_two_words(words, at, words.size() * 4 + sections.size());
    words[at + 2] = static_cast<std::uint32_t>(packed.size());
    words[at + 3] = static_cast<std::uint32_t>(column.size());
    put_two_words(words, at + 4, XXH3_64bits(packed.data(), packed.size()));
    sections += packed;
  }
  put_two_words(words, 10, words.size() * 4 + sections.size());
  const auto table = std::span<const std::uint32_t>(words).subspan(kHeaderWords);
  put_two_words(words, 8, checksum(table));
  std::string out(reinterpret_cast<const char*>(words.data()), words.size() * 4);
  return out + sections;
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
  put_header(words, kColumnsFormat, stamp_, builders_.size());

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

    std::vector<std::uint32_t> codes;
    codes.reserve(builder.codes.size());
    for (const std::uint32_t code : builder.codes) codes.push_back(renumbered[code]);
    put_column(words, slots_[index], offsets, strings, form_group, group_form, builder.starts, codes);
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
    : columns_(columns), which_(std::move(which)), data_(columns.size()), counts_(columns.size()) {
  for (std::size_t column : which_) {
    data_[column] = &columns_.column(column);
    counts_[column].assign(data_[column]->forms.size(), 0);
  }
}

void FacetColumns::Counter::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid docid = doc.get_docid();
  for (std::size_t column : which_) {
    const Column& data = *data_[column];
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
