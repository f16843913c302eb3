// core/roles.cpp — role names and labels.
#include "core/roles.hpp"

namespace mandate {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::top_management: return "top_management";
    case Role::isms_manager: return "isms_manager";
    case Role::contributor: return "contributor";
    case Role::staff: return "staff";
    case Role::auditor: return "auditor";
  }
  return "unknown";
}

std::string_view role_label(Role r) {
  switch (r) {
    case Role::admin: return "Administrator";
    case Role::top_management: return "Top management";
    case Role::isms_manager: return "ISMS manager";
    case Role::contributor: return "Contributor";
    case Role::staff: return "Staff";
    case Role::auditor: return "Auditor (read-only)";
  }
  return "Unknown";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles) {
    if (role_name(r) == s) {
      return r;
    }
  }
  return std::nullopt;
}

}  // namespace mandate
