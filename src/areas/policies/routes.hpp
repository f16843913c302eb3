// areas/policies/routes.hpp — registers the policies pages, JSON API and public share view.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::policies {
void register_routes(http::Router& router, const Services& s);
}
