// `clubsearch export-static OUT`: the search page for a static web host: the current
// revision compacted into one file with its facet columns, the engine built to
// WebAssembly (wasm/) with its worker, the page itself (index.html, the start page,
// rendered by page/ with links relative to the folder, and the server's own stylesheet,
// script and icon), and a manifest of what the folder holds. A run that finds the
// folder already holding the same revision, engine and page rewrites nothing.
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>

#include "cli/commands.h"
#include "cli/companion.h"
#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/index_location.h"
#include "index/columns_file.h"
#include "index/hashing.h"
#include "index/open_index.h"
#include "index/static_index.h"
#include "index/whole_file.h"
#include "page/page.h"
#include "web/assets.h"

namespace clubsearch::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kManifest = "manifest.json";
// The folder's layout; 2: facets.columns packed (index::kPackedColumnsFormat). A folder of
// another layout has its index written again even when the index has not changed.
constexpr int kManifestFormat = 2;
// The engine's files, as wasm/CMakeLists.txt names them: the module's loader and the
// module (each with its gzip, which the worker fetches instead where the browser can
// inflate it), and the worker.
constexpr const char* kEngineFiles[] = {"clubsearch-engine.js", "clubsearch-engine.js.gz", "clubsearch-engine.wasm",
                                        "clubsearch-engine.wasm.gz", "clubsearch-worker.js"};
constexpr const char* kWorker = "clubsearch-worker.js";
constexpr const char* kPage = "index.html";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What the manifest says of a file: its size and its XXH3-128.
nlohmann::json file_entry(const std::string& bytes) {
  return {{"bytes", bytes.size()}, {"xxh3_128", index::hash128_hex(bytes)}};
}

nlohmann::json source_json(const index::StaticSource& source) {
  return {{"uuid", source.uuid},
          {"revision", source.revision},
          {"columns_serial", source.columns_serial},
          {"documents", source.documents}};
}

nlohmann::json read_manifest(const fs::path& out) {
  std::error_code error;
  if (!fs::exists(out / kManifest, error)) return nlohmann::json::object();
  const nlohmann::json manifest = nlohmann::json::parse(read_file(out / kManifest), nullptr, false);
  return manifest.is_object() ? manifest : nlohmann::json::object();
}

// Whether `out` holds the file as the manifest describes it.
bool holds(const fs::path& out, const nlohmann::json& manifest, const std::string& name) {
  std::error_code error;
  if (!manifest.contains("files") || !manifest["files"].contains(name) || !fs::exists(out / name, error))
    return false;
  return file_entry(read_file(out / name)) == manifest["files"][name];
}

// A link to a file of the folder, relative to the page, versioned by its hash.
std::string versioned(const std::string& name, const nlohmann::json& entry) {
  return name + "?v=" + entry["xxh3_128"].get<std::string>().substr(0, 16);
}

// The folder of the engine's files: --engine, else the folder of this program (where the
// engine is installed beside it); empty when they are not there.
fs::path engine_dir(const std::string& given) {
  const fs::path dir = given.empty() ? companion_program(kEngineFiles[0]).parent_path() : fs::path(given);
  std::error_code error;
  for (const char* name : kEngineFiles)
    if (!fs::exists(dir / name, error)) return {};
  return dir;
}

}  // namespace

CLI::App* add_export_command(CLI::App& app, ExportOptions& options) {
  CLI::App* command = app.add_subcommand(
      "export-static",
      "Write the search page, the index and the engine (WebAssembly) into a folder a static site publishes");
  command->footer(
      "Writes into OUT: index.html (the search page), style.css, app.js, favicon.svg and\n"
      "embed.js (the search box for the blog's own theme: docs/static-hosting.md),\n"
      "index.glass (the index compacted into one file), index.warm (the blocks of it a reader\n"
      "fetches first), facets.columns (its facet counts), clubsearch-engine.js, .js.gz, .wasm\n"
      "and .wasm.gz and clubsearch-worker.js (the query engine, from --engine or the folder\n"
      "of this program), and manifest.json (the index's revision and\n"
      "schema version, each file's size and XXH3-128). A site publishes OUT as it is, under\n"
      "any path (e.g. Zola's or Hugo's static/search/). A run that finds OUT up to date\n"
      "rewrites nothing.\n\n"
      "Exit codes: 0 written or up to date; 2 bad arguments; 3 nothing done (no index, index\n"
      "of another schema version, a folder that cannot be written).\n\n" +
      std::string(kMoreHelp));
  command->add_option("OUT", options.out, "The folder to write (created if missing)")->required();
  command->add_option("--engine", options.engine,
                      "The folder of clubsearch-engine.js, .js.gz, .wasm, .wasm.gz and clubsearch-worker.js (default: beside "
                      "this program)");
  command->add_flag("-q,--quiet", options.quiet, "Say nothing when all went well");
  return command;
}

int run_export(const GlobalOptions& global, const ExportOptions& options) {
  const schemas::IndexSchema& schema = schemas::IndexSchema::builtin();
  const fs::path index_dir = index_location(global.db, global.config);
  const Xapian::Database db = index::open_index(index_dir, schema);
  const index::StaticSource source = index::static_source(db, schema);
  const fs::path out(options.out);
  fs::create_directories(out);

  const nlohmann::json previous = read_manifest(out);
  nlohmann::json manifest{{"format", kManifestFormat},
                          {"schema_version", source.schema_version},
                          {"source", source_json(source)},
                          {"files", nlohmann::json::object()}};
  std::vector<std::string> written;

  // The index: compacted again only for another revision, or files not as described.
  const bool index_current = previous.value("format", 0) == kManifestFormat &&
                             previous.value("source", nlohmann::json()) == manifest["source"] &&
                             holds(out, previous, index::kStaticDatabase) &&
                             holds(out, previous, index::kStaticColumns);
  if (!index_current) {
    index::write_static_index(db, index_dir, out, schema);
    written.insert(written.end(), {index::kStaticDatabase, index::kStaticColumns});
  }
  for (const char* name : {index::kStaticDatabase, index::kStaticColumns})
    manifest["files"][name] = index_current ? previous["files"][name] : file_entry(read_file(out / name));
  // The blocks of index.glass the worker fetches with the engine, in one file.
  const bool warm_current = index_current && previous.contains("warm") &&
                            holds(out, previous, index::kStaticWarmBlocks);
  if (warm_current) {
    manifest["warm"] = previous["warm"];
  } else {
    manifest["warm"] = {{"file", index::kStaticWarmBlocks}, {"blocks", index::write_warm_blocks(out)}};
    written.emplace_back(index::kStaticWarmBlocks);
  }
  manifest["files"][index::kStaticWarmBlocks] = warm_current ? previous["files"][index::kStaticWarmBlocks]
                                                             : file_entry(read_file(out / index::kStaticWarmBlocks));
  manifest["loading"] = {{"block_bytes", index::kStaticBlockBytes}};
  // What the worker fetches of a file at once, with the engine, rather than as the engine
  // reads it: the columns every search but one grouped by post counts.
  manifest["prefetch"] = {
      {index::kStaticColumns, index::packed_bytes_before_post(out / index::kStaticColumns)}};

  // Every other file: written when OUT does not hold it as it is.
  auto put = [&](const std::string& name, const std::string& bytes) {
    manifest["files"][name] = file_entry(bytes);
    if (!holds(out, manifest, name)) {
      index::write_whole_file(out / name, bytes);
      written.push_back(name);
    }
  };

  // The engine, and the page that runs it: without the engine, the index only.
  const fs::path engine = engine_dir(options.engine);
  if (engine.empty()) {
    if (!options.engine.empty())
      throw CLI::ValidationError(
          "--engine", "no clubsearch-engine.js, .js.gz, .wasm, .wasm.gz and clubsearch-worker.js in " + options.engine);
    std::cerr << "clubsearch: note: no query engine beside this program (build it with the wasm target, "
                 "or give --engine DIR); the folder has the index only\n";
  } else {
    for (const char* name : kEngineFiles) put(name, read_file(engine / name));
    // The server's own assets, and the start page linking them.
    for (const std::string_view name : web::asset_names())
      put(std::string(name), std::string(web::find_asset(name)->body));
    page::PageSite site{page::Hosting::static_site, {}};
    site.assets.style = versioned("style.css", manifest["files"]["style.css"]);
    site.assets.script = versioned("app.js", manifest["files"]["app.js"]);
    site.assets.favicon = versioned("favicon.svg", manifest["files"]["favicon.svg"]);
    // With the versions of the engine's gzips, which the worker fetches at once, without
    // waiting for manifest.json to name them (wasm/worker.js, EARLY).
    const auto hash_of = [&](const char* name) {
      return manifest["files"][name]["xxh3_128"].get<std::string>().substr(0, 16);
    };
    site.assets.worker = versioned(kWorker, manifest["files"][kWorker]) +
                         "&engine=" + hash_of("clubsearch-engine.wasm.gz") +
                         "&loader=" + hash_of("clubsearch-engine.js.gz");
    manifest["page"] = page::links_json(site.assets);
    put(kPage, page::render_page(page::PageContent{}, site));
  }

  const std::string manifest_text = manifest.dump(2) + "\n";
  std::error_code error;
  if (!fs::exists(out / kManifest, error) || read_file(out / kManifest) != manifest_text) {
    index::write_whole_file(out / kManifest, manifest_text);
    written.emplace_back(kManifest);
  }
  if (!options.quiet) {
    if (written.empty()) {
      std::cout << "clubsearch: " << out.string() << " is up to date (revision " << source.revision << ")\n";
    } else {
      std::cout << "clubsearch: wrote";
      for (const std::string& name : written) std::cout << " " << name;
      std::cout << " to " << out.string() << " (revision " << source.revision << ", " << source.documents
                << " documents)\n";
    }
  }
  return kExitOk;
}

}  // namespace clubsearch::cli
