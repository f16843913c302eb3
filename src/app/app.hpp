// app/app.hpp
// Wires the application: every area's routes, the authenticator (session cookie or bearer
// token → Principal), the HTML error pages, static assets, /healthz, /readyz and /metrics.
// The result is an immutable Router shared by all server threads.
#pragma once
#include <memory>

#include "areas/common/web.hpp"
#include "http/router.hpp"

namespace mandate::app {

std::shared_ptr<http::Router> build_router(const areas::Services& services);

}  // namespace mandate::app
