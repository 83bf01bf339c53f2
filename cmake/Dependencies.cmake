# Finds every third-party library (all Debian packages) and gives each one imported target.
find_package(PkgConfig REQUIRED)

# Xapian's CMake config exports variables, not a target: wrap it once here.
find_package(Xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  target_include_directories(Xapian::xapian INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(Xapian::xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()

# cmark's CMake config also imports the `cmark` program, which libcmark-dev does not
# ship; pkg-config finds the library alone.
pkg_check_modules(cmark REQUIRED IMPORTED_TARGET libcmark)
find_package(tomlplusplus REQUIRED CONFIG)
find_package(yaml-cpp REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(doctest REQUIRED CONFIG)
pkg_check_modules(psl REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(xxhash REQUIRED IMPORTED_TARGET libxxhash)
find_package(ZLIB REQUIRED)
pkg_check_modules(uriparser REQUIRED IMPORTED_TARGET liburiparser)
pkg_check_modules(icu REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
# Debian builds cpp-httplib as a shared library (with TLS, gzip and brotli support).
pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(Threads REQUIRED)
# The relevance suite's naive baseline (tests/relevance/fts5_baseline.h): SQLite with FTS5.
find_package(SQLite3 REQUIRED)
# jemalloc: Xapian's indexing allocates millions of small map nodes; jemalloc makes a
# full index about 15% faster than glibc's allocator (bench/). Not used under the
# sanitizers (nor in the fuzz build, which has them), which bring their own allocator.
if(NOT CLUBSEARCH_SANITIZE AND NOT CLUBSEARCH_TSAN AND NOT CLUBSEARCH_FUZZ)
  pkg_check_modules(jemalloc REQUIRED IMPORTED_TARGET jemalloc)
endif()
