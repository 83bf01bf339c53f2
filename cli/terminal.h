// Terminal: whether output goes to a terminal, colour on or off, and a progress line.
#pragma once

#include <cstdio>
#include <string>

namespace clubsearch::cli {

enum class ColorMode { automatic, always, never };

// Colour for `stream`: `always`/`never` as asked; `automatic` when it is a terminal that
// takes escape sequences (draws_on) and NO_COLOR is unset or empty (https://no-color.org).
bool use_color(ColorMode mode, std::FILE* stream);
bool is_terminal(std::FILE* stream);
// A terminal that takes ANSI escape sequences: not one whose TERM is "dumb" (Emacs'
// shell buffers, some CI logs).
bool draws_on(std::FILE* stream);

// Wraps text in an ANSI style when colour is on.
std::string styled(const std::string& text, const char* ansi_code, bool color);

// A one-line progress bar redrawn in place on a terminal, at most ten times a second.
class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* stream) : stream_(stream) {}
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(std::size_t done, std::size_t total);

 private:
  std::FILE* stream_;
  long long last_draw_ms_ = 0;
  bool drawn_ = false;
};

}  // namespace clubsearch::cli
