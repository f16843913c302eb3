// core/ids.hpp
// Strong ids: an OrgId cannot be passed where a PersonId is expected. All ids are 64-bit
// integers assigned by the database.
#pragma once
#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace mandate {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr explicit operator bool() const { return value != 0; }
  auto operator<=>(const Id&) const = default;
  std::string str() const { return std::to_string(value); }
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using PersonId = Id<struct PersonTag>;
using TokenId = Id<struct TokenTag>;

}  // namespace mandate

template <class Tag>
struct std::hash<mandate::Id<Tag>> {
  std::size_t operator()(const mandate::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
