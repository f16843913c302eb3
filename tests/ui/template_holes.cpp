// Compiled by CTest, never linked (see CMakeLists.txt): html() checks at compile time that a
// template has one "{}" per argument. Without MATCHING this file must fail to compile.
#include "ui/html.hpp"

#ifdef MATCHING
mandate::ui::Html two() { return mandate::ui::html("<p>{} {}</p>", 1, "x"); }
#else
mandate::ui::Html two() { return mandate::ui::html("<p>{}</p>", 1, "x"); }
#endif
