// Prints every document's stored record of a clubsearch index, one JSON object per line,
// for the corpus counts (tests/corpus/reader_counts.py). Reads the database directly so
// it can read indexes written by other builds of clubsearch.
#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: dump_records INDEX_DIR\n";
    return 2;
  }
  try {
    const Xapian::Database db(argv[1]);
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
      std::string data = db.get_document(*id).get_data();
      if (data.empty() || data.front() != '{') continue;
      std::cout << data << '\n';
    }
  } catch (const Xapian::Error& error) {
    std::cerr << "dump_records: " << error.get_description() << '\n';
    return 3;
  }
  return 0;
}
