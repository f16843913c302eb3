// areas/accounts/routes.hpp — registers the accounts pages and API with their allowed roles.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::accounts {
void register_routes(http::Router& router, const Services& s);
}
