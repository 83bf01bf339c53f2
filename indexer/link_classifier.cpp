// Classifies links by URL: the source table first, then the Public Suffix List.
#include "indexer/link_classifier.h"

#include <libpsl.h>

#include <memory>
#include <optional>

#include "index/link_keys.h"

namespace clubsearch::indexer {

namespace {

const std::string kOtherKind = "other";

// Loaded once for the process; libpsl lookups only read it, from any thread. psl_latest takes
// the newer of libpsl's built-in list and Debian's publicsuffix package file.
const psl_ctx_t* public_suffix_list() {
  static const std::unique_ptr<psl_ctx_t, void (*)(psl_ctx_t*)> list(psl_latest(nullptr), psl_free);
  return list ? list.get() : psl_builtin();
}

}  // namespace

LinkClassifier::LinkClassifier(const schemas::SourceTable& table) : table_(table) {
  public_suffix_list();  // load it now rather than inside the first concurrent classify()
}

LinkedItem LinkClassifier::classify(std::string title, std::string url) const {
  LinkedItem item;
  item.title = std::move(title);
  item.url = std::move(url);
  const std::optional<index::WebUrl> web = index::parse_web_url(item.url);
  if (!web) {
    item.kind = kOtherKind;
    return item;
  }
  item.host = web->host;
  item.arxiv_id = index::arxiv_id_of(*web);
  if (const schemas::HostRule* rule = table_.find(web->host)) {
    item.source = rule->source;
    item.kind = table_.kind_for(*rule, web->path);
    return item;
  }
  const char* registrable =
      web->ip_literal ? nullptr : psl_registrable_domain(public_suffix_list(), web->host.c_str());
  item.source = registrable != nullptr ? registrable : web->host;
  item.kind = table_.kind_for_unknown(web->path);
  return item;
}

}  // namespace clubsearch::indexer
