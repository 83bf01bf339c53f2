// parse_date reads every date form seen in front matter, date_from_file_name a dated file name.
#include <doctest/doctest.h>

#include "index/date.h"

using namespace clubsearch::index;

TEST_CASE("parse_date reads ISO dates, slashed dates and unpadded months and days") {
  CHECK(parse_date("2024-07-10") == Date{2024, 7, 10});
  CHECK(parse_date("2024/11/18") == Date{2024, 11, 18});
  CHECK(parse_date("2024-7-1") == Date{2024, 7, 1});
  CHECK(parse_date("  2024-07-10\t") == Date{2024, 7, 10});
}

TEST_CASE("parse_date keeps the calendar date of a date-time and ignores its time and offset") {
  CHECK(parse_date("2021-02-15T10:00:00+01:00") == Date{2021, 2, 15});
  CHECK(parse_date("2020-12-31T23:59:59Z") == Date{2020, 12, 31});
  CHECK(parse_date("2020-12-31t23:59") == Date{2020, 12, 31});
  CHECK(parse_date("2019-05-01 10:00:00 +0100") == Date{2019, 5, 1});
  CHECK(parse_date("2019-05-01 9:30") == Date{2019, 5, 1});
}

TEST_CASE("parse_date rejects impossible calendar dates") {
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(parse_date("2024-04-31"));
  CHECK_FALSE(parse_date("2024-13-01"));
  CHECK_FALSE(parse_date("2024-00-10"));
  CHECK_FALSE(parse_date("2024-01-00"));
  CHECK_FALSE(parse_date("0000-01-01"));
}

TEST_CASE("parse_date rejects text that is not a date") {
  for (const char* text : {"", "   ", "soon", "24-07-10", "20240-07-10", "2024-07/10", "2024.07.10",
                           "2024-07-100", "2024-07-10x", "20240710", "July 10, 2024"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_date(text));
  }
}

TEST_CASE("parse_date rejects a date followed by anything but a time") {
  CHECK_FALSE(parse_date("2024-07-10 or so"));
  CHECK_FALSE(parse_date("2024-07-10T"));
  CHECK_FALSE(parse_date("2024-07-10 10"));
  CHECK_FALSE(parse_date("2024-07-10 10:5"));
}

TEST_CASE("dates print zero-padded, four-digit years included") {
  CHECK(Date{2024, 7, 1}.iso() == "2024-07-01");
  CHECK(Date{2024, 7, 1}.yyyymmdd() == "20240701");
  CHECK(Date{2024, 7, 1}.yyyymm() == "202407");
  CHECK(Date{999, 12, 31}.iso() == "0999-12-31");
  CHECK(Date{999, 12, 31}.yyyymmdd() == "09991231");
  CHECK(parse_date("0999-12-31")->iso() == "0999-12-31");
}

TEST_CASE("dates compare in calendar order") {
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
  CHECK(Date{2024, 2, 1} > Date{2024, 1, 31});
  CHECK(Date{2024, 2, 1} == Date{2024, 2, 1});
}

TEST_CASE("today is a valid date that prints and parses back") {
  const Date today = Date::today();
  CHECK(parse_date(today.iso()) == today);
  CHECK(today.year >= 2024);
}

TEST_CASE("date_from_file_name reads a YYYY-MM-DD prefix followed by - or _") {
  CHECK(date_from_file_name("2024-02-19-258.md") == Date{2024, 2, 19});
  CHECK(date_from_file_name("2017-03-05-A paper title with spaces.md") == Date{2017, 3, 5});
  CHECK(date_from_file_name("2018-10-10_hello-world.md") == Date{2018, 10, 10});
  CHECK(date_from_file_name("2018-10-10-") == Date{2018, 10, 10});
}

TEST_CASE("date_from_file_name finds nothing in names without a full dated prefix") {
  for (const char* name :
       {"", "journal_club_1.md", "239-title.md", "2024-02-19.md", "2024-02-19", "2024-2-19-x.md",
        "2024/02/19-x.md", "2024-02-30-x.md", "2024-02-19x.md", "2024-02-19 10:00-x.md"}) {
    CAPTURE(name);
    CHECK_FALSE(date_from_file_name(name));
  }
}
