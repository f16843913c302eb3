// areas/actions/routes.hpp — registers the actions pages and JSON API.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::actions {
void register_routes(http::Router& router, const Services& s);
}
