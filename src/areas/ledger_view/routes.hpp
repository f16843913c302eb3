// areas/ledger_view/routes.hpp — the ledger as users and scripts see it: entries of the
// caller's organization with filters, verification on demand, checkpoints on demand.
#pragma once
#include "areas/common/web.hpp"

namespace mandate::areas::ledger_view {
void register_routes(http::Router& router, const Services& s);
}
