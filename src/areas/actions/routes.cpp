// areas/actions/routes.cpp — being written (issue 4): registers nothing yet.
#include "areas/actions/routes.hpp"

namespace mandate::areas::actions {
void register_routes(http::Router&, const Services&) {}
}  // namespace mandate::areas::actions
