// areas/meetings/routes.hpp — registers the meetings pages and JSON API.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::meetings {
void register_routes(http::Router& router, const Services& s);
}
