// Terminal detection, colour and the progress line.
#include "cli/terminal.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string_view>

namespace clubsearch::cli {

bool is_terminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool draws_on(std::FILE* stream) {
  const char* term = std::getenv("TERM");
  return is_terminal(stream) && !(term != nullptr && std::string_view(term) == "dumb");
}

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  return draws_on(stream) && (no_color == nullptr || *no_color == '\0');
}

std::string styled(const std::string& text, const char* ansi_code, bool color) {
  return color ? "\x1b[" + std::string(ansi_code) + "m" + text + "\x1b[0m" : text;
}

ProgressLine::~ProgressLine() {
  if (drawn_) std::fputs("\r\x1b[2K", stream_);  // leave a clean line for what follows
}

void ProgressLine::update(std::size_t done, std::size_t total) {
  const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count();
  if (total == 0 || (now - last_draw_ms_ < 100 && done < total)) return;
  last_draw_ms_ = now;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = done * kWidth / total;
  std::string bar(filled, '#');
  bar.append(kWidth - filled, '.');
  std::fprintf(stream_, "\r\x1b[2Kindexing [%s] %zu/%zu posts", bar.c_str(), done, total);
  std::fflush(stream_);
  drawn_ = true;
}

}  // namespace clubsearch::cli
