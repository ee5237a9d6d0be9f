#include "db/driver_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <vector>

namespace gander {
namespace {

std::map<std::string, DriverOpenFn>& Registry() {
  static std::map<std::string, DriverOpenFn> drivers;
  return drivers;
}

std::string ExecutableDir() {
  std::string exe = ExecutablePath();
  size_t slash = exe.rfind('/');
  return slash == std::string::npos ? "." : exe.substr(0, slash);
}

std::vector<std::string> SearchDirs() {
  std::vector<std::string> dirs;
  if (const char* dir = std::getenv("GANDER_DRIVER_DIR"); dir && *dir) dirs.push_back(dir);
  std::string exe_dir = ExecutableDir();
  dirs.push_back(exe_dir);
  dirs.push_back(exe_dir + "/../lib/gander");
#ifdef GANDER_DRIVER_INSTALL_DIR
  dirs.push_back(GANDER_DRIVER_INSTALL_DIR);
#endif
  return dirs;
}

}  // namespace

std::string ExecutablePath() {
  char path[4096];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  return n <= 0 ? "gander" : std::string(path, static_cast<size_t>(n));
}

bool RegisterLinkedDriver(const std::string& name, DriverOpenFn open) {
  Registry()[name] = open;
  return true;
}

Status LoadDriver(const std::string& name, DriverOpenFn* open) {
  auto linked = Registry().find(name);
  if (linked != Registry().end()) {
    *open = linked->second;
    return Status::OK();
  }
  std::string module = "gander-" + name + ".so";
  std::string looked;
  for (const std::string& dir : SearchDirs()) {
    std::string path = dir + "/" + module;
    looked += (looked.empty() ? "" : ", ") + dir;
    if (access(path.c_str(), F_OK) != 0) continue;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      return Status::Failed("cannot load the " + name + " driver " + path + ": " + (why ? why : "unknown error") +
                            " (are its client libraries installed?)");
    }
    auto entry = reinterpret_cast<DriverOpenFn (*)()>(dlsym(handle, ("gander_" + name + "_driver_v2").c_str()));
    if (entry == nullptr) return Status::Failed(path + " is not a gander " + name + " driver");
    *open = entry();
    Registry()[name] = *open;  // the module stays loaded for the process's life
    return Status::OK();
  }
  return Status::Failed("the " + name + " driver (" + module + ") is not installed; looked in " + looked);
}

}  // namespace gander
