# Warnings (errors in CI) and the optional sanitizer build, applied to our own targets only.
# (-Wnull-dereference is left out: g++ 12 reports false positives inside libstdc++ at -O2,
# and -Wrestrict is turned off for the same reason at -O3, on std::string concatenation.)
add_library(clubsearch_options INTERFACE)
target_compile_options(clubsearch_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${CLUBSEARCH_WERROR}>:-Werror>)
# At -O1, as ASan's documentation advises, with its reports' lines kept: with clang, the
# SIGKILL trials of e2e.robustness (1,200 posts indexed a dozen times) took 239 s against
# 738 s at -O0, and unit.query 106 s against 267 s; the build takes about 4 minutes more.
if(CLUBSEARCH_SANITIZE)
  target_compile_options(clubsearch_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1)
  target_link_options(clubsearch_options INTERFACE -fsanitize=address,undefined)
endif()
# The fuzz build (tests/fuzz/): libFuzzer's coverage in every target of ours, with ASan
# and UBSan; the fuzz programs link libFuzzer itself.
if(CLUBSEARCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CLUBSEARCH_FUZZ needs clang (libFuzzer): CXX=clang++ cmake -DCLUBSEARCH_FUZZ=ON …")
  endif()
  target_compile_options(clubsearch_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(clubsearch_options INTERFACE -fsanitize=address,undefined)
endif()

# ThreadSanitizer (tests/tsan/): at -O1, which keeps its reports' lines and runs the
# server's tests several times faster than -O0.
if(CLUBSEARCH_TSAN)
  if(CLUBSEARCH_SANITIZE)
    message(FATAL_ERROR "CLUBSEARCH_TSAN and CLUBSEARCH_SANITIZE are separate builds: choose one")
  endif()
  target_compile_options(clubsearch_options INTERFACE -fsanitize=thread -O1 -fno-omit-frame-pointer)
  target_link_options(clubsearch_options INTERFACE -fsanitize=thread)
endif()

# Adds a library target for one folder of the project: its headers are included as
# "folder/header.h" from the repository's root (also when wasm/'s own project adds it).
cmake_path(GET CMAKE_CURRENT_LIST_DIR PARENT_PATH CLUBSEARCH_ROOT)
function(clubsearch_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CLUBSEARCH_ROOT} ${PROJECT_BINARY_DIR}/generated)
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE clubsearch_options)
endfunction()
