// A fresh folder under /tmp for unit tests that need the real file system,
// removed with everything in it.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace gander::test {

struct ScratchFolder {
  ScratchFolder() {
    char name[] = "/tmp/gander-unit-XXXXXX";
    REQUIRE(mkdtemp(name) != nullptr);
    path = name;
  }
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  // An empty file `name` (folders created as needed).
  void Touch(const std::string& name) const {
    std::filesystem::create_directories(std::filesystem::path(path + "/" + name).parent_path());
    std::ofstream(path + "/" + name) << "";
  }

  std::string path;
};

}  // namespace gander::test
