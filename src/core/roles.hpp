// core/roles.hpp
// The roles a membership (or API token) holds in one organization. Shared vocabulary between
// the router (routes declare which roles may call them) and the accounts area (which assigns
// them). docs/security.md documents what each role may do.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace mandate {

enum class Role : std::uint8_t {
  admin,
  top_management,
  isms_manager,
  contributor,
  staff,
  auditor,
};
inline constexpr Role kAllRoles[] = {Role::admin,       Role::top_management, Role::isms_manager,
                                     Role::contributor, Role::staff,          Role::auditor};

std::string_view role_name(Role r);          // "top_management"
std::string_view role_label(Role r);         // "Top management"
std::optional<Role> parse_role(std::string_view s);

// A set of roles as a bitmask.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) {
      bits_ |= bit(r);
    }
  }
  static constexpr RoleSet all() {
    return {Role::admin, Role::top_management, Role::isms_manager,
            Role::contributor, Role::staff, Role::auditor};
  }
  constexpr bool contains(Role r) const { return (bits_ & bit(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr RoleSet operator|(RoleSet o) const {
    RoleSet s;
    s.bits_ = bits_ | o.bits_;
    return s;
  }

 private:
  static constexpr std::uint32_t bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

}  // namespace mandate
