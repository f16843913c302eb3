// areas/people/routes.hpp — registers the people pages and API with their allowed roles.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::people {
void register_routes(http::Router& router, const Services& s);
}
