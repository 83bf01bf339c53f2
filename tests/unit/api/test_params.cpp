// Query strings decoded as forms send them, and the checks on single parameters.
#include <doctest/doctest.h>

#include "api/http_error.h"
#include "api/params.h"

using clubsearch::api::HttpError;
using clubsearch::api::Params;
using Items = std::vector<std::pair<std::string, std::string>>;

namespace {

// The refusal `call` throws.
template <typename Call>
HttpError refusal(Call call) {
  try {
    call();
  } catch (const HttpError& error) {
    return error;
  }
  FAIL("no HttpError was thrown");
  return HttpError{0, ""};
}

}  // namespace

TEST_SUITE("params") {
  TEST_CASE("a query string is decoded as a form sends it, in the order given") {
    const Params params("/api/search?q=reward+hacking&source=arXiv&q2=%22a%26b%22&source=Open%41I");
    CHECK(params.items() ==
          Items{{"q", "reward hacking"}, {"source", "arXiv"}, {"q2", "\"a&b\""}, {"source", "OpenAI"}});
    CHECK(params.values("source") == std::vector<std::string>{"arXiv", "OpenAI"});
    CHECK(params.values("kind").empty());
  }

  TEST_CASE("no query string, an empty one, a name without a value, a fragment") {
    CHECK(Params("/").items().empty());
    CHECK(Params("/?").items().empty());
    CHECK(Params("/?group").items() == Items{{"group", ""}});
    CHECK(Params("/?q=&page=2").items() == Items{{"q", ""}, {"page", "2"}});
    CHECK(Params("/?q=a#results").items() == Items{{"q", "a"}});
  }

  TEST_CASE("a NUL byte in a name or a value is refused, never cut short") {
    for (const char* target : {"/api/search?q=atten%00tion", "/api/search?q%00junk=1", "/?q=a&source=%00"}) {
      CAPTURE(target);
      const HttpError nul = refusal([&] { Params{target}; });
      CHECK(nul.status == 400);
      CHECK(nul.message.find("NUL byte (%00)") != std::string::npos);
    }
    // %000 is a NUL then "0"; %100 is a control character and "0", taken as it is.
    CHECK(refusal([] { Params{"/?q=%000"}; }).status == 400);
    CHECK(Params("/?q=%100").items() == Items{{"q", "\x10" "0"}});
  }

  TEST_CASE("the canonical form orders names, not a name's values") {
    CHECK(Params("/?b=2&a=1").canonical() == Params("/?a=1&b=2").canonical());
    CHECK(Params("/?a=1&a=2").canonical() != Params("/?a=2&a=1").canonical());
    // Separators that a value cannot forge: "a=1&b=2" is not "a=1%1Fb..." or "a=1b=2".
    CHECK(Params("/?a=1&b=2").canonical() != Params("/?a=1b%3D2").canonical());
  }

  TEST_CASE("a parameter given once, or not at all") {
    CHECK(clubsearch::api::single(Params("/?q=x"), "q") == "x");
    CHECK(!clubsearch::api::single(Params("/?p=x"), "q"));
    const HttpError twice = refusal([] { clubsearch::api::single(Params("/?q=x&q=y"), "q"); });
    CHECK(twice.status == 400);
    CHECK(twice.message == "'q' is given 2 times; give it once");
    CHECK(twice.parameter == "q");
  }

  TEST_CASE("whole numbers within bounds, in decimal digits only") {
    CHECK(clubsearch::api::number("1", "page", 1, 10) == 1);
    CHECK(clubsearch::api::number("10", "page", 1, 10) == 10);
    for (const char* bad : {"0", "11", "", "-1", "+1", "1.0", " 1", "0x1", "9999999999"}) {
      CAPTURE(bad);
      const HttpError error = refusal([&] { clubsearch::api::number(bad, "page", 1, 10); });
      CHECK(error.status == 400);
      CHECK(error.message == "'page' must be a whole number from 1 to 10, not '" + std::string(bad) + "'");
      CHECK(error.parameter == "page");
    }
  }

  TEST_CASE("flags: 1, true, on; 0, false, off or nothing") {
    for (const char* yes : {"1", "true", "on"}) CHECK(clubsearch::api::flag(yes, "group"));
    for (const char* no : {"0", "false", "off", ""}) CHECK(!clubsearch::api::flag(no, "group"));
    const HttpError error = refusal([] { clubsearch::api::flag("maybe", "group"); });
    CHECK(error.message == "'group' must be true or false, not 'maybe'");
    CHECK(error.parameter == "group");
  }

  TEST_CASE("an unknown parameter is refused, naming those the route takes") {
    clubsearch::api::refuse_unknown(Params("/?limit=3"), {"limit"});
    const HttpError error = refusal([] {
      clubsearch::api::refuse_unknown(Params("/?limit=3&verbose=1"), {"limit", "a"});
    });
    CHECK(error.status == 400);
    CHECK(error.message == "unknown parameter 'verbose'; this route takes a, limit");
    CHECK(error.parameter == "verbose");
  }
}
