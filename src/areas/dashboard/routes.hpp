// areas/dashboard/routes.hpp — the home page: figures computed from the records, each linking to
// the records behind it.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::dashboard {
void register_routes(http::Router& router, const Services& s);
}
