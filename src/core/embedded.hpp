// core/embedded.hpp
// Files compiled into the binary by cmake/EmbedFiles.cmake (migrations, web assets, the
// common-password list). Each generated namespace defines kFiles[kFileCount] (plus a null
// sentinel). Data is NUL-terminated for convenience; size excludes the terminator.
#pragma once
#include <cstddef>
#include <string_view>

namespace mandate {

struct EmbeddedFile {
  const char* name;
  const unsigned char* data;
  std::size_t size;
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data), size};
  }
};

}  // namespace mandate
