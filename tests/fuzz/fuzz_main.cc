// A seeded mutation driver for LLVMFuzzerTestOneInput, for builds without
// libFuzzer (g++). Seeds: the files given on the command line (folders are
// read recursively). Each iteration mutates a seed (bit flips, byte
// insertions and deletions, goose annotations and SQL tokens spliced in,
// chunks duplicated or truncated) and runs the target. The same seed gives
// the same inputs in every run. An input that takes over a second of CPU time
// (not wall-clock time: a busy CI machine may pause the process that long) is
// reported as a hang; a crash names its signal, iteration and seed.
//
//   gander_parser_fuzz [--iterations N] [--seed S] SEED_PATH...
// (also the driver of gander_dsn_fuzz, whose inputs are DSN recipes).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// std::string, not const char*: the NUL token was once
// `std::string("\0", 1).c_str()`, a pointer into a temporary destroyed after
// this array's initialisation, so every run read different stack bytes as
// that token and the "seeded" inputs differed from run to run (dsn_fuzz then
// failed in some CI runs only, on inputs no seed could reproduce).
const std::string kTokens[] = {
    "-- +goose Up\n", "-- +goose Down\n", "-- +goose StatementBegin\n", "-- +goose StatementEnd\n",
    "-- +goose NO TRANSACTION\n", "-- +goose ENVSUB ON\n", "-- +goose ENVSUB OFF\n", "${EMPTY}", "${NESTED}",
    "${UNSET:-default}", "$$", "$tag$", "'", "\"", "`", "/*", "*/", "--", ";", "\n", "\r\n", "\\", "E'\\''",
    "BEGIN", "END;", "\xef\xbb\xbf", std::string("\0", 1), "\xff", "(", ")"};

std::string Mutate(std::string s, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 6);
  int rounds = 1 + static_cast<int>(rng() % 8);
  for (int r = 0; r < rounds; ++r) {
    size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (op(rng)) {
      case 0:
        if (!s.empty()) s[pos % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:
        s.insert(pos, 1, static_cast<char>(rng() % 256));
        break;
      case 2:
        if (!s.empty()) s.erase(pos % s.size(), 1 + rng() % 16);
        break;
      case 3: {
        s.insert(pos, kTokens[rng() % (sizeof kTokens / sizeof kTokens[0])]);
        break;
      }
      case 4:
        if (!s.empty()) s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 64));
        break;
      case 5:
        s.resize(pos);
        break;
      default:
        if (!s.empty()) std::swap(s[pos % s.size()], s[rng() % s.size()]);
        break;
    }
  }
  return s;
}

void ReadSeeds(const std::filesystem::path& path, std::vector<std::string>* seeds) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(path, ec)) {
      if (e.is_regular_file()) ReadSeeds(e.path(), seeds);
    }
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (buf.str().size() < 1 << 20) seeds->push_back(buf.str());
}

// Where a crash happened, for the signal handler (which may only write).
volatile sig_atomic_t g_iteration = -1;
unsigned g_seed = 0;

void AppendNumber(unsigned long n, char* buf, size_t* len) {
  char digits[24];
  size_t k = 0;
  do digits[k++] = static_cast<char>('0' + n % 10); while ((n /= 10) > 0 && k < sizeof digits);
  while (k > 0) buf[(*len)++] = digits[--k];
}

// A crash says which signal, at which input and seed (async-signal-safe),
// then dies of the same signal.
void ReportCrash(int signal) {
  char buf[160];
  size_t len = 0;
  for (const char* p = "fuzz: signal "; *p; ++p) buf[len++] = *p;
  AppendNumber(static_cast<unsigned long>(signal), buf, &len);
  for (const char* p = " at iteration "; *p; ++p) buf[len++] = *p;
  AppendNumber(static_cast<unsigned long>(g_iteration), buf, &len);
  for (const char* p = " of seed "; *p; ++p) buf[len++] = *p;
  AppendNumber(g_seed, buf, &len);
  buf[len++] = '\n';
  ssize_t ignored = write(2, buf, len);
  (void)ignored;
  ::signal(signal, SIG_DFL);
  raise(signal);
}

double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  long iterations = 20000;
  unsigned seed = 20261126;
  std::vector<std::string> seeds = {"-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n"};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      iterations = std::atol(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      ReadSeeds(arg, &seeds);
    }
  }
  g_seed = seed;
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE}) signal(sig, ReportCrash);
  std::mt19937 rng(seed);
  long slow = 0;
  double slowest = 0;
  for (long i = 0; i < iterations; ++i) {
    std::string input = Mutate(seeds[rng() % seeds.size()], rng);
    g_iteration = static_cast<sig_atomic_t>(i);
    double start = CpuSeconds();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    double seconds = CpuSeconds() - start;
    slowest = std::max(slowest, seconds);
    if (seconds > 1.0) {
      ++slow;
      std::fprintf(stderr, "fuzz: iteration %ld took %.2f s of CPU (hang?)\n", i, seconds);
    }
  }
  std::string name = std::filesystem::path(argv[0]).filename().string();
  if (name.rfind("gander_", 0) == 0) name = name.substr(7);
  std::printf("%s: %ld inputs from %zu seeds (seed %u), 0 crashes, %ld hangs, slowest %.1f ms\n", name.c_str(),
              iterations, seeds.size(), seed, slow, slowest * 1000);
  return slow == 0 ? 0 : 1;
}
