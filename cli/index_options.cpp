// `clubsearch index`'s options, which both clubsearch (for --help and the checks) and
// clubsearch-index (which runs it) read.
#include "cli/commands.h"
#include "cli/global_options.h"

namespace clubsearch::cli {

CLI::App* add_index_command(CLI::App& app, IndexOptions& options) {
  CLI::App* command = app.add_subcommand("index", "Index a blog's posts (incremental; --full rebuilds)");
  command->footer(
      "CONTENT_DIR is a Zola, Hugo or Jekyll site root (its config.toml, hugo.toml, config/_default/\n"
      "or _config.yml gives the base URL and permalink rules; Zola's and Hugo's posts are read from\n"
      "content/), the content/ folder itself, or any folder of Markdown posts, whose generator is\n"
      "inferred from what it holds (--generator or `generator` in clubsearch.toml chooses; the run\n"
      "says which rules it used). Only added, changed and removed posts are touched; readers see the\n"
      "old index or the new one, never a mix. Files that cannot be indexed are listed as\n"
      "path:line: reason and skipped; their previously indexed version is kept. A post whose front\n"
      "matter cannot be read is indexed from its body, with a warning.\n\n"
      "Without CONTENT_DIR, the `content` of the config file (clubsearch.toml, see\n"
      "docs/configuration.md) is indexed, else the current folder.\n\n"
      "Exit codes: 0 done; 1 done, but some files could not be indexed; 2 bad arguments;\n"
      "3 nothing done (no content folder, bad config file, --strict refused, database error);\n"
      "75 another indexer is writing this index.\n\n" +
      std::string(kMoreHelp));
  command->add_option("CONTENT_DIR", options.content_dir,
                      "Site root or content folder (default: the config file's `content`, else .)");
  command->add_flag("--full", options.full, "Rebuild the whole index instead of updating it");
  command->add_flag("--drafts", options.drafts,
                    "Also index drafts (draft: true in front matter, Jekyll's _drafts/), not unlisted or "
                    "unpublished pages");
  command->add_flag("--strict", options.strict,
                    "Commit nothing if any file cannot be indexed or is indexed with a warning");
  command
      ->add_option("--generator", options.generator,
                   "Follow this generator's rules: zola, hugo or jekyll (default: `generator` in the config "
                   "file, else the site's config, else inferred)")
      ->check(CLI::IsMember({"zola", "hugo", "jekyll"}));
  command
      ->add_option("--site-config", options.site_config,
                   "The site's config.toml / hugo.toml / _config.yml, when not in CONTENT_DIR")
      ->check(CLI::ExistingFile);
  command->add_option("--base-url", options.base_url, "Base URL of the site, overriding its config");
  command
      ->add_option("--sources", options.sources_file,
                   "Your own host → source table (format of schemas/sources.toml)")
      ->check(CLI::ExistingFile);
  command
      ->add_option("--topics", options.topics_file, "Your own topic taxonomy (format of schemas/topics.toml)")
      ->check(CLI::ExistingFile);
  command
      ->add_option("--synonyms", options.synonyms_file,
                   "Your own synonym table (format of schemas/synonyms.toml)")
      ->check(CLI::ExistingFile);
  command->add_option("--max-file-size", options.max_file_size, "Skip posts larger than this many bytes")
      ->capture_default_str();
  command->add_flag("--follow-symlinks", options.follow_symlinks,
                    "Index posts that are symlinks to files outside the content folder (skipped and reported "
                    "otherwise)");
  command->add_option("--threads", options.threads, "Parsing threads (default: one per core)");
  command->add_option("--as-of", options.as_of,
                      "Decide future and expired posts as of this date (YYYY-MM-DD)");
  command->add_flag("-q,--quiet", options.quiet, "Print nothing but problems");
  command->add_flag("--json", options.json, "Print the run's report as JSON");
  command->add_flag("--watch", options.watch,
                    "After indexing, watch the content folder and index again after each burst of changes "
                    "(until Ctrl-C)");
  command->add_option("--export-static", options.export_static,
                      "After each run that commits, write the search for a static host into this folder "
                      "(clubsearch export-static; e.g. the site's static/search/)");
  command->add_flag("--queue", options.queue,
                    "If another run is writing the index, leave it one more run to do and exit 0 "
                    "(what the git hooks use)");
  return command;
}

}  // namespace clubsearch::cli
