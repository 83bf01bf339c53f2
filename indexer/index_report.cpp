#include "indexer/index_report.h"

namespace clubsearch::indexer {

namespace {

// `text` with its control characters escaped ("\n", "\t", "\x1b"…), cut at `limit`
// bytes (not inside a UTF-8 sequence) with "…".
std::string one_line(std::string_view text, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= limit) {
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
      return out + "\u2026";
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

}  // namespace

std::string FileProblem::describe() const {
  return one_line(path, 4096) + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
         one_line(reason, kMaxReasonBytes);
}

}  // namespace clubsearch::indexer
