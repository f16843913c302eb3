# The web edge of the areas (included from areas/CMakeLists.txt): pages, JSON API, routes.
mandate_add_library(mandate_areas_web
  SOURCES
    common/web.cpp common/page.cpp common/json_body.cpp
    accounts/api.cpp accounts/pages.cpp accounts/routes.cpp
    people/api.cpp people/pages.cpp people/routes.cpp
    policies/api.cpp policies/pages.cpp policies/routes.cpp
    actions/api.cpp actions/pages.cpp actions/routes.cpp
    meetings/api.cpp meetings/pages.cpp meetings/routes.cpp meetings/minutes.cpp
    dashboard/routes.cpp
    ledger_view/routes.cpp
  DEPS mandate_areas mandate_http mandate_ui mandate_ledger mandate_report)
