#include "reliability/figures.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace gander::test {
namespace {

struct Collector {
  std::mutex mu;
  std::vector<SuiteFigures> all;
  ~Collector() {
    const char* path = std::getenv("GANDER_RELIABILITY_FIGURES");
    std::FILE* f = std::fopen(path && *path ? path : "reliability-figures.txt", "w");
    if (f == nullptr) return;
    std::fprintf(f, "%-40s %6s %7s %16s  %s\n", "suite", "runs", "faults", "inconsistencies", "note");
    for (const SuiteFigures& s : all) {
      std::fprintf(f, "%-40s %6d %7d %16d  %s\n", s.suite.c_str(), s.runs, s.faults, s.inconsistencies,
                   s.note.c_str());
    }
    std::fprintf(f, "seed %u\n", ProfileSeed());
    std::fclose(f);
  }
};

Collector& Figures() {
  static Collector collector;
  return collector;
}

}  // namespace

void RecordFigures(const SuiteFigures& figures) {
  std::lock_guard<std::mutex> lock(Figures().mu);
  Figures().all.push_back(figures);
}

int ProfileRuns(int short_runs) {
  const char* runs = std::getenv("GANDER_RELIABILITY_RUNS");
  return runs && *runs ? std::atoi(runs) : short_runs;
}

uint32_t ProfileSeed() {
  const char* seed = std::getenv("GANDER_RELIABILITY_SEED");
  return seed && *seed ? static_cast<uint32_t>(std::strtoul(seed, nullptr, 10)) : 20261126u;
}

}  // namespace gander::test
