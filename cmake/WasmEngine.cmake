# The query engine as WebAssembly (wasm/), built by the native build when CLUBSEARCH_WASM
# is on: wasm/deps.sh sets up Debian's emscripten and the libraries (built once, cached
# in the build folder's wasm-deps/), wasm/'s own project is configured with emcmake in
# wasm/ and built, and the engine's five files are copied beside clubsearch, where
# `clubsearch export-static` finds them (and where they are installed with it).
set(CLUBSEARCH_WASM_JOBS 2 CACHE STRING "Parallel jobs of the WebAssembly build and its libraries")
set(wasm_deps ${PROJECT_BINARY_DIR}/wasm-deps)
set(wasm_build ${PROJECT_BINARY_DIR}/wasm)
# emscripten's tools import acorn from where Debian installs it (not found by a Node.js
# that is not Debian's otherwise).
set(wasm_env ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs CLUBSEARCH_WASM_JOBS=${CLUBSEARCH_WASM_JOBS})
add_custom_target(clubsearch_engine ALL
  COMMAND ${wasm_env} ${PROJECT_SOURCE_DIR}/wasm/deps.sh ${wasm_deps}
  COMMAND ${wasm_env} emcmake ${CMAKE_COMMAND} -S ${PROJECT_SOURCE_DIR}/wasm -B ${wasm_build} -G Ninja
          -DCLUBSEARCH_WASM_DEPS=${wasm_deps} -DCLUBSEARCH_WERROR=${CLUBSEARCH_WERROR}
  COMMAND ${wasm_env} ${CMAKE_COMMAND} --build ${wasm_build} --parallel ${CLUBSEARCH_WASM_JOBS}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${wasm_build}/clubsearch-engine.js
          ${wasm_build}/clubsearch-engine.js.gz
          ${wasm_build}/clubsearch-engine.wasm ${wasm_build}/clubsearch-engine.wasm.gz
          ${wasm_build}/clubsearch-worker.js $<TARGET_FILE_DIR:clubsearch>
  COMMENT "Building the WebAssembly query engine (wasm/)"
  USES_TERMINAL VERBATIM)
add_dependencies(clubsearch_engine clubsearch)
