// Links: one generator per kind of host, each with the URL shape that host really uses.
#include "corpus/links.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "corpus/calendar.h"

namespace clubsearch::bench {
namespace {

using std::chrono::year_month_day;

enum class Host {
  arxiv,
  lesswrong,
  alignment_forum,
  lab_blog,
  github,
  colab,
  lilian_weng,
  youtube,
  hugging_face,
  openreview,
  news,
  newsletter,
  personal
};

// Weights per thousand links, after the seed blog and other people's link blogs.
constexpr std::array<std::pair<Host, std::uint64_t>, 13> host_weights = {{
    {Host::arxiv, 290},
    {Host::lesswrong, 100},
    {Host::alignment_forum, 70},
    {Host::lab_blog, 80},
    {Host::github, 65},
    {Host::colab, 25},
    {Host::lilian_weng, 20},
    {Host::youtube, 40},
    {Host::hugging_face, 20},
    {Host::openreview, 20},
    {Host::news, 60},
    {Host::newsletter, 40},
    {Host::personal, 170},
}};

constexpr std::size_t recent_paper_capacity = 3000;
constexpr double repeated_paper_share = 0.15;
constexpr std::size_t personal_domain_count = 400;

constexpr std::string_view id_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

WeightedIndex make_host_mix() {
  std::vector<std::uint64_t> weights;
  for (const auto& [host, weight] : host_weights) weights.push_back(weight);
  return WeightedIndex(weights);
}

int year_of(year_month_day date) { return static_cast<int>(date.year()); }
unsigned month_of(year_month_day date) { return static_cast<unsigned>(date.month()); }
unsigned day_of(year_month_day date) { return static_cast<unsigned>(date.day()); }

// "Why Steering Vectors Work?" -> "why-steering-vectors-work", at most `max_words`.
std::string slugify(std::string_view title, int max_words) {
  std::string slug;
  int words = 0;
  bool in_word = false;
  for (const char c : title) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      if (!in_word) {
        if (++words > max_words) break;
        if (!slug.empty()) slug += '-';
      }
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return slug;
}

}  // namespace

LinkMaker::LinkMaker(const Vocabulary& vocabulary, ProseWriter& prose, Random& random)
    : vocabulary_(vocabulary),
      prose_(prose),
      random_(random),
      host_mix_(make_host_mix()),
      personal_ranks_(zipf_ranks(personal_domain_count, 2)) {
  static constexpr std::array<std::string_view, 10> suffixes = {
      ".com", ".io", ".xyz", ".dev", ".net", ".org", ".me", ".ai", ".github.io", ".netlify.app"};
  for (std::size_t i = 0; i < personal_domain_count; ++i) {
    std::string domain(vocabulary_.rare_word(random_));
    domain += random_.pick(suffixes);
    personal_domains_.push_back(std::move(domain));
  }
}

Link LinkMaker::make(year_month_day posted) {
  switch (host_weights[host_mix_.draw(random_)].first) {
    case Host::arxiv:
      return arxiv(posted);
    case Host::lesswrong:
      return forum("www.lesswrong.com");
    case Host::alignment_forum:
      return forum("www.alignmentforum.org");
    case Host::lab_blog:
      return lab_blog(posted);
    case Host::github:
      return repository();
    case Host::colab:
      return notebook();
    case Host::lilian_weng:
      return lilian_weng(posted);
    case Host::youtube:
      return video();
    case Host::hugging_face:
      return hugging_face(posted);
    case Host::openreview:
      return openreview();
    case Host::news:
      return news(posted);
    case Host::newsletter:
      return newsletter();
    case Host::personal:
      return personal_site(posted);
  }
  return personal_site(posted);
}

std::string LinkMaker::token(std::size_t length) {
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += id_alphabet[random_.below(id_alphabet.size())];
  return out;
}

// A new paper from the two years before the post, or, sometimes, one read before.
LinkMaker::Paper LinkMaker::paper(year_month_day posted) {
  if (!recent_papers_.empty() && random_.chance(repeated_paper_share)) {
    return random_.pick(recent_papers_);
  }
  year_month_day submitted = days_before(posted, random_.between(0, 700));
  if (year_of(submitted) < 2015) submitted = year_month_day{std::chrono::year{2015} / 1 / 1};
  char number[8];
  std::snprintf(number, sizeof number, "%05d", random_.between(1, 19999));
  Paper result{two_digits(static_cast<unsigned>(year_of(submitted) % 100)) + two_digits(month_of(submitted)) +
                   "." + number,
               prose_.paper_title()};
  if (recent_papers_.size() < recent_paper_capacity) {
    recent_papers_.push_back(result);
  } else {
    recent_papers_[next_recent_] = result;
    next_recent_ = (next_recent_ + 1) % recent_paper_capacity;
  }
  return result;
}

Link LinkMaker::arxiv(year_month_day posted) {
  Paper chosen = paper(posted);
  const std::string version = "v" + std::to_string(random_.between(1, 5));
  const double form = random_.unit();
  if (form < 0.6) {
    return {chosen.title, "https://arxiv.org/abs/" + chosen.id + (random_.chance(0.2) ? version : "")};
  }
  if (form < 0.87) {
    return {chosen.title, "https://arxiv.org/pdf/" + chosen.id + (random_.chance(0.3) ? version : "")};
  }
  return {chosen.title, "https://arxiv.org/html/" + chosen.id + version};
}

Link LinkMaker::forum(std::string_view host) {
  std::string title = prose_.forum_title();
  std::string url = "https://" + std::string(host) + "/posts/" + token(17) + "/" + slugify(title, 12);
  return {std::move(title), std::move(url)};
}

Link LinkMaker::lab_blog(year_month_day posted) {
  std::string title = prose_.paper_title();
  const std::string slug = slugify(title, 8);
  switch (random_.below(4)) {
    case 0:
      return {std::move(title), "https://www.anthropic.com/research/" + slug};
    case 1:
      return {std::move(title), "https://transformer-circuits.pub/" + std::to_string(year_of(posted)) + "/" +
                                    slugify(title, 2) + "/index.html"};
    case 2:
      return {std::move(title), "https://openai.com/index/" + slug + "/"};
    default:
      return {std::move(title), "https://deepmind.google/discover/blog/" + slug + "/"};
  }
}

Link LinkMaker::repository() {
  std::string repo(vocabulary_.rare_word(random_));
  if (random_.chance(0.5)) repo += "-" + std::string(vocabulary_.technical_term(random_));
  std::string owner(vocabulary_.rare_word(random_));
  std::string title = random_.chance(0.5) ? repo : repo + ": " + prose_.paper_title();
  return {std::move(title), "https://github.com/" + owner + "/" + repo};
}

Link LinkMaker::notebook() {
  return {prose_.paper_title() + ".ipynb",
          "https://colab.research.google.com/drive/1" + token(32) + "?usp=sharing"};
}

Link LinkMaker::lilian_weng(year_month_day posted) {
  const year_month_day written = days_before(posted, random_.between(0, 400));
  std::string title = prose_.paper_title();
  std::string url = "https://lilianweng.github.io/posts/" + iso_date(written) + "-" + slugify(title, 2) + "/";
  return {std::move(title), std::move(url)};
}

Link LinkMaker::video() {
  std::string title = prose_.paper_title();
  if (random_.chance(0.5)) return {std::move(title), "https://www.youtube.com/watch?v=" + token(11)};
  return {std::move(title), "https://youtu.be/" + token(11)};
}

Link LinkMaker::hugging_face(year_month_day posted) {
  if (random_.chance(0.5)) {
    Paper chosen = paper(posted);
    return {std::move(chosen.title), "https://huggingface.co/papers/" + chosen.id};
  }
  std::string title = prose_.paper_title();
  std::string url = "https://huggingface.co/blog/" + slugify(title, 6);
  return {std::move(title), std::move(url)};
}

Link LinkMaker::openreview() {
  return {prose_.paper_title(), "https://openreview.net/forum?id=" + token(10)};
}

Link LinkMaker::news(year_month_day posted) {
  std::string title = prose_.headline();
  const std::string slug = slugify(title, 10);
  const std::string year = std::to_string(year_of(posted));
  const std::string month = two_digits(month_of(posted));
  const std::string day = two_digits(day_of(posted));
  switch (random_.below(6)) {
    case 0:
      return {std::move(title),
              "https://www.nytimes.com/" + year + "/" + month + "/" + day + "/technology/" + slug + ".html"};
    case 1:
      return {std::move(title), "https://www.theverge.com/" + year + "/" + month + "/" + day + "/" +
                                    std::to_string(random_.between(23000000, 24999999)) + "/" + slug};
    case 2:
      return {std::move(title), "https://www.wired.com/story/" + slug + "/"};
    case 3:
      return {std::move(title),
              "https://www.bbc.com/news/technology-" + std::to_string(random_.between(60000000, 69999999))};
    case 4:
      return {std::move(title),
              "https://www.reuters.com/technology/" + slug + "-" + year + "-" + month + "-" + day + "/"};
    default:
      return {std::move(title),
              "https://techcrunch.com/" + year + "/" + month + "/" + day + "/" + slug + "/"};
  }
}

Link LinkMaker::newsletter() {
  std::string title = prose_.forum_title();
  std::string url =
      "https://" + std::string(vocabulary_.rare_word(random_)) + ".substack.com/p/" + slugify(title, 8);
  return {std::move(title), std::move(url)};
}

Link LinkMaker::personal_site(year_month_day posted) {
  std::string title = random_.chance(0.5) ? prose_.forum_title() : prose_.paper_title();
  const std::string& domain = personal_domains_[personal_ranks_.draw(random_)];
  const std::string slug = slugify(title, 8);
  std::string path;
  switch (random_.below(4)) {
    case 0:
      path = "/posts/" + slug + "/";
      break;
    case 1:
      path = "/blog/" + std::to_string(year_of(posted)) + "/" + two_digits(month_of(posted)) + "/" + slug;
      break;
    case 2:
      path = "/" + slug + ".html";
      break;
    default:
      path = "/notes/" + slug;
      break;
  }
  return {std::move(title), "https://" + domain + path};
}

}  // namespace clubsearch::bench
