// Access to the schema files of this folder, embedded in the binary at build time.
#pragma once

#include <string_view>

namespace clubsearch::schemas {

// The content of schemas/<name> as it was when the program was built, or an empty view
// when no such file was embedded.
std::string_view embedded_file(std::string_view name);

}  // namespace clubsearch::schemas
