// Columns files: written whole and renamed into place, mapped read-only by readers.
#include "index/columns_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "index/filters.h"
#include "index/metadata.h"
#include "index/whole_file.h"

namespace clubsearch::index {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "facets-";
constexpr std::string_view kSuffix = ".columns";

// The serial of a columns file's name, or nullopt for any other file.
std::optional<std::uint64_t> serial_of(const std::string& name) {
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.compare(0, kPrefix.size(), kPrefix) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return std::nullopt;
  const std::string_view digits(name.data() + kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  std::uint64_t serial = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), serial);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return serial;
}

// A read-only mapping of a whole file, unmapped when the last user lets go of it.
struct Mapping {
  void* address = MAP_FAILED;
  std::size_t bytes = 0;
  ~Mapping() {
    if (address != MAP_FAILED) ::munmap(address, bytes);
  }
};

std::shared_ptr<const FacetColumns> map_columns(const fs::path& path, ColumnsCheck check, std::string& why) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = "cannot open " + path.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat info {};
  auto mapping = std::make_shared<Mapping>();
  if (::fstat(fd, &info) == 0 && info.st_size > 0 && info.st_size % 4 == 0) {
    mapping->bytes = static_cast<std::size_t>(info.st_size);
    mapping->address = ::mmap(nullptr, mapping->bytes, PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);
  if (mapping->address == MAP_FAILED) {
    why = path.string() + " cannot be read as facet columns";
    return nullptr;
  }
  try {
    const std::span<const std::uint32_t> words(static_cast<const std::uint32_t*>(mapping->address),
                                               mapping->bytes / 4);
    auto columns = std::make_shared<FacetColumns>(words, mapping, check);
    columns->set_origin("mapped from " + path.string(), true);
    return columns;
  } catch (const std::runtime_error& error) {
    why = path.string() + ": " + error.what();
    return nullptr;
  }
}

// An open file, closed when the last user lets go of it.
struct OpenFile {
  int fd = -1;
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

// Packed columns (a static index's), read from the file as they are used.
std::shared_ptr<const FacetColumns> read_packed_columns(const fs::path& path, std::string& why) {
  auto file = std::make_shared<OpenFile>();
  file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (file->fd < 0 || ::fstat(file->fd, &info) != 0) {
    why = "cannot open " + path.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  auto read = [file, path](std::uint64_t offset, std::size_t bytes) {
    std::string out(bytes, '\0');
    std::size_t done = 0;
    while (done < bytes) {
      const ssize_t got = ::pread(file->fd, out.data() + done, bytes - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0)
        throw std::runtime_error("cannot read " + path.string() + (got < 0 ? ": " + std::string(std::strerror(errno)) : ": it ends early"));
      done += static_cast<std::size_t>(got);
    }
    return out;
  };
  try {
    auto columns = FacetColumns::read_packed(std::move(read), static_cast<std::uint64_t>(info.st_size));
    columns->set_origin("read in columns from " + path.string(), true);
    return columns;
  } catch (const std::runtime_error& error) {
    why = path.string() + ": " + error.what();
    return nullptr;
  }
}

// Whether the file at `path` holds packed columns (by its header's format word).
bool packed_columns(const fs::path& path) {
  std::uint32_t header[3] = {};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool read = ::pread(fd, header, sizeof header, 0) == static_cast<ssize_t>(sizeof header);
  ::close(fd);
  return read && header[2] == kPackedColumnsFormat;
}

}  // namespace

std::uint64_t columns_serial(const Xapian::Database& db) {
  const std::string value = db.get_metadata(metadata::kFacetColumns);
  std::uint64_t serial = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), serial);
  return error == std::errc() && end == value.data() + value.size() ? serial : 0;
}

fs::path columns_path(const fs::path& generation, std::uint64_t serial) {
  char name[48];
  std::snprintf(name, sizeof name, "facets-%06llu.columns", static_cast<unsigned long long>(serial));
  return generation / name;
}

void write_columns_file(const fs::path& path, std::span<const std::uint32_t> words) {
  write_columns_file(path, std::string_view(reinterpret_cast<const char*>(words.data()), words.size_bytes()));
}

void write_columns_file(const fs::path& path, std::string_view packed) { write_whole_file(path, packed); }

void remove_columns_files(const fs::path& generation, std::uint64_t keep_from, std::uint64_t keep_to) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(generation, error)) {
    const std::string name = entry.path().filename().string();
    const bool temporary = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0 &&
                           name.compare(0, kPrefix.size(), kPrefix) == 0;
    const auto serial = serial_of(name);
    if (temporary || (serial && (*serial < keep_from || *serial > keep_to))) fs::remove(entry.path(), error);
  }
}

std::shared_ptr<const FacetColumns> open_stored_columns(const Xapian::Database& db, const IndexStore& store,
                                                        const schemas::IndexSchema& schema, std::string& why,
                                                        ColumnsCheck check) {
  const std::uint64_t serial = columns_serial(db);
  if (serial == 0) {
    why = "the index records no facet columns (it was written by an older clubsearch)";
    return nullptr;
  }
  // The generation the database is in: the current one, unless a rebuild switched the
  // stub since the database was opened.
  const std::string uuid = db.get_uuid();
  std::vector<fs::path> generations = store.generations();
  if (const auto current = store.current()) generations.insert(generations.begin(), *current);
  why = "the facet columns with serial " + std::to_string(serial) + " are missing";
  for (const fs::path& generation : generations) {
    const fs::path path = columns_path(generation, serial);
    std::error_code error;
    if (!fs::exists(path, error)) continue;
    auto columns = map_columns(path, check, why);
    if (!columns) continue;
    const ColumnsStamp& stamp = columns->stamp();
    if (stamp.uuid != uuid) continue;  // another generation's
    if (stamp.serial != serial || stamp.last_docid != db.get_lastdocid() ||
        stamp.schema_version != schema.version()) {
      why = path.string() + " does not belong to this revision of the index";
      return nullptr;
    }
    return columns;
  }
  return nullptr;
}

std::shared_ptr<const FacetColumns> open_columns_file(const fs::path& path, const Xapian::Database& db,
                                                      const schemas::IndexSchema& schema, std::string& why) {
  auto columns = packed_columns(path) ? read_packed_columns(path, why) : map_columns(path, ColumnsCheck::structure, why);
  if (!columns) return nullptr;
  const ColumnsStamp& stamp = columns->stamp();
  if (stamp.uuid != db.get_uuid() || stamp.serial != columns_serial(db) || stamp.last_docid != db.get_lastdocid() ||
      stamp.schema_version != schema.version()) {
    why = path.string() + " does not belong to this revision of the index";
    return nullptr;
  }
  return columns;
}

std::shared_ptr<const FacetColumns> load_columns(const Xapian::Database& db, const fs::path& index_dir,
                                                 const schemas::IndexSchema& schema) {
  std::string why;
  if (auto stored = open_stored_columns(db, IndexStore(index_dir), schema, why)) return stored;
  auto built = FacetColumns::build(db, schema);
  built->set_origin("built from the database: " + why, false);
  return built;
}

std::uint64_t packed_bytes_before_post(const fs::path& path) {
  std::string why;
  const auto columns = packed_columns(path) ? read_packed_columns(path, why) : nullptr;
  if (!columns) throw std::runtime_error(why.empty() ? path.string() + ": not packed facet columns" : why);
  if (columns->size() != column_slots().size() || column_slots().back() != kPostSlot)
    throw std::runtime_error(path.string() + ": not the columns of this schema");
  return columns->packed_bytes_before(columns->size() - 1);
}

}  // namespace clubsearch::index
