// Assembles a Post from a file: checks the bytes, splits front matter from body, cuts the
// body into entries, then adds what the site and the schema tables know.
#include "indexer/post_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "indexer/post_body.h"
#include "indexer/post_error.h"
#include "indexer/markdown_tree.h"
#include "indexer/quoted_text.h"
#include "indexer/slug.h"

namespace clubsearch::indexer {

namespace {

unsigned line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<unsigned>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t invalid_utf8_at(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (byte < 0x80)
      length = 1;
    else if ((byte & 0xE0) == 0xC0)
      length = 2, min = 0x80;
    else if ((byte & 0xF0) == 0xE0)
      length = 3, min = 0x800;
    else if ((byte & 0xF8) == 0xF0)
      length = 4, min = 0x10000;
    else
      return pos;
    if (pos + length > text.size()) return pos;
    std::uint32_t code_point = length == 1 ? byte : byte & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[pos + k]);
      if ((next & 0xC0) != 0x80) return pos;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
      return pos;
    pos += length;
  }
  return std::string_view::npos;
}

void check_text(std::string_view bytes) {
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos)
    throw PostError(line_at(bytes, nul), "binary file (contains a NUL byte), not a Markdown post");
  if (const auto bad = invalid_utf8_at(bytes); bad != std::string_view::npos) {
    const auto line_start = bytes.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(bytes[bad])));
    throw PostError(line_at(bytes, bad), "invalid UTF-8 (byte " + std::string(byte) + " at column " +
                                             std::to_string(column) + "); the file must be UTF-8");
  }
}

// Titles may carry inline Markdown ("Why **ARE** we here"): a reader sees the text. Only
// inline syntax counts: parsed alone, "2024. A year" would be a list and "# of tokens" a
// heading, so the title is parsed behind a word that keeps it inside a paragraph. A
// title holding raw HTML is kept exactly as written: the site shows it as text, and
// whoever displays it escapes it.
std::string plain_title(const std::string& title) {
  if (title.find_first_of("*_`[\\") == std::string::npos || title.find('<') != std::string::npos)
    return title;
  constexpr std::string_view kLead = "x ";
  const PostBody body = parse_body(std::string(kLead) + title, 1);
  return body.rest.size() > kLead.size() ? body.rest.substr(kLead.size()) : title;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// What to call a link that has no text: its URL without the scheme.
std::string url_label(const std::string& url) {
  const auto scheme = url.find("://");
  return scheme == std::string::npos ? url : url.substr(scheme + 3);
}

// What names an entry: its heading and its linked items' titles.
std::string entry_titles(const BodyEntry& entry) {
  std::string text = entry.heading;
  for (const BodyLink& item : entry.items) text += "\n" + item.text;
  return text;
}

}  // namespace

PostParser::PostParser(const Site& site, const LinkClassifier& links, const TopicMatcher& topics)
    : site_(site), links_(links), topics_(topics) {}

Post PostParser::parse(const std::string& relative_path, std::string_view file_bytes) const {
  check_text(file_bytes);
  // Front matter that cannot be read is set aside and the page indexed from its body, as
  // Jekyll publishes it (Zola and Hugo stop the build); the author is warned.
  SplitPost split = split_front_matter(file_bytes, BadFrontMatter::set_aside);
  const FrontMatter& front = split.front_matter;
  const PageFile file = site_.page_file(relative_path);

  Post post;
  post.path = relative_path;
  post.section = file.section;
  post.title = front.title && !front.title->empty() ? plain_title(*front.title) : file.default_title;
  post.date = front.date ? front.date : file.date;
  post.updated = front.updated;
  post.publish_date = front.publish_date;
  post.expiry_date = front.expiry_date;
  post.draft = front.draft || file.draft;
  post.unlisted = front.unlisted;
  post.empty = split.keys == 0 && !split.problem && blank(split.body);
  post.description = front.description.value_or("");
  post.tags = front.tags;
  if (site_.generator() == SiteGenerator::jekyll) {
    post.categories = file.path_categories;  // then the front matter's, each once, as Jekyll does
    for (const std::string& category : front.jekyll_categories)
      if (std::find(post.categories.begin(), post.categories.end(), category) == post.categories.end())
        post.categories.push_back(category);
  } else {
    post.categories = front.categories;
  }
  post.permalink = site_.permalink(relative_path, front, post.date, post.title);
  if (split.problem) {
    std::string dated = post.date ? ", dated " + post.date->iso() : "";
    post.warnings.push_back({split.problem->line, split.problem->reason +
                                                      "; the front matter is ignored and the post "
                                                      "indexed from its body, titled \"" +
                                                      post.title + "\"" + dated + " from its file name"});
  }

  PostBody body = parse_body(site_.with_site_links(split.body), split.body_first_line, post.title, site_.link_extensions());
  if (body.flattened_line > 0)
    post.warnings.push_back({body.flattened_line, "too deeply nested (" + std::to_string(body.depth) +
                                                      " levels; at most " + std::to_string(kMaxNesting) +
                                                      "): what lies deeper is indexed as plain text"});
  // A link post, or the notes on one paper, whose front matter names what it is about and
  // whose body holds no entries: one entry titled by the post, about that link.
  if (body.entries.empty() && front.subject_link) {
    BodyEntry entry;
    entry.heading = post.title;
    entry.line = split.body_first_line;
    entry.items.push_back({post.title, *front.subject_link, {}});
    entry.mentions = std::move(body.mentions);
    entry.commentary = std::move(body.rest);
    while (!entry.commentary.empty() && entry.commentary.back() == '\n') entry.commentary.pop_back();
    body.entries.push_back(std::move(entry));
    body.mentions.clear();
    body.rest.clear();
    body.intro.clear();
  }
  post.intro = std::move(body.intro);
  post.body = std::move(body.rest);
  const OwnSite own_site = OwnSite::from_base_url(site_.base_url());
  for (BodyLink& link : body.mentions)
    if (LinkClassifier::is_item(link.url))
      post.mentions.push_back(links_.classify(std::move(link.text), std::move(link.url), own_site));

  // Topics need evidence: a title, a tag, or the author's own words (not what they quote).
  std::vector<std::string> tags = post.tags;
  tags.insert(tags.end(), post.categories.begin(), post.categories.end());
  const QuotedText quoted(split.body);
  const std::string post_own_words = quoted.own_words(post.body);
  post.topics = topics_.topics_of({post.title + "\n" + post.description, post_own_words, &tags});

  std::vector<std::string> anchors;
  const AnchorStyle style = site_.anchor_style();
  AnchorSet anchor_set(style);
  const std::vector<std::string>& headings =
      style == AnchorStyle::goldmark_source ? body.heading_sources : body.headings;
  for (const std::string& heading : headings) anchors.push_back(anchor_set.unique(heading_anchor(heading, style)));

  for (BodyEntry& found : body.entries) {
    Entry entry;
    entry.topics = topics_.topics_of({entry_titles(found), quoted.own_words(found.commentary), &tags});
    entry.heading = std::move(found.heading);
    entry.line = found.line;
    if (found.anchor_heading >= 0) entry.anchor = anchors[static_cast<std::size_t>(found.anchor_heading)];
    entry.url = entry.anchor.empty() ? post.permalink : post.permalink + "#" + entry.anchor;
    for (BodyLink& link : found.items) {
      if (!LinkClassifier::is_item(link.url)) continue;
      if (link.text.empty()) link.text = url_label(link.url);  // a link with only an image, say
      entry.items.push_back(links_.classify(std::move(link.text), std::move(link.url), own_site));
    }
    for (BodyLink& link : found.mentions)
      if (LinkClassifier::is_item(link.url))
        entry.mentions.push_back(links_.classify(std::move(link.text), std::move(link.url), own_site));
    entry.commentary = std::move(found.commentary);
    post.entries.push_back(std::move(entry));
  }
  return post;
}

}  // namespace clubsearch::indexer
