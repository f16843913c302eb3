// tests/support/temp_dir.hpp — a temporary directory removed (recursively) on destruction.
#pragma once
#include <filesystem>
#include <string>

namespace mandate::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace mandate::test
