// areas/meetings/routes.cpp — being written (issue 4): registers nothing yet.
#include "areas/meetings/routes.hpp"

namespace mandate::areas::meetings {
void register_routes(http::Router&, const Services&) {}
}  // namespace mandate::areas::meetings
