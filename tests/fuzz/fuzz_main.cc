// A seeded mutation driver for LLVMFuzzerTestOneInput, for builds without
// libFuzzer (g++). Seeds: the files given on the command line (folders are
// read recursively). Each iteration mutates a seed (bit flips, byte
// insertions and deletions, goose annotations and SQL tokens spliced in,
// chunks duplicated or truncated) and runs the target. An input that takes
// over a second is reported as a hang.
//
//   gander_parser_fuzz [--iterations N] [--seed S] SEED_PATH...
// (also the driver of gander_dsn_fuzz, whose inputs are DSN recipes).
#include <chrono>
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

const char* const kTokens[] = {
    "-- +goose Up\n", "-- +goose Down\n", "-- +goose StatementBegin\n", "-- +goose StatementEnd\n",
    "-- +goose NO TRANSACTION\n", "-- +goose ENVSUB ON\n", "-- +goose ENVSUB OFF\n", "${EMPTY}", "${NESTED}",
    "${UNSET:-default}", "$$", "$tag$", "'", "\"", "`", "/*", "*/", "--", ";", "\n", "\r\n", "\\", "E'\\''",
    "BEGIN", "END;", "\xef\xbb\xbf", std::string("\0", 1).c_str(), "\xff", "(", ")"};

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
        std::string token = kTokens[rng() % (sizeof kTokens / sizeof kTokens[0])];
        if (token.empty()) token.assign(1, '\0');
        s.insert(pos, token);
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
  std::mt19937 rng(seed);
  long slow = 0;
  double slowest = 0;
  for (long i = 0; i < iterations; ++i) {
    std::string input = Mutate(seeds[rng() % seeds.size()], rng);
    auto start = std::chrono::steady_clock::now();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    slowest = std::max(slowest, seconds);
    if (seconds > 1.0) {
      ++slow;
      std::fprintf(stderr, "fuzz: iteration %ld took %.2f s (hang?)\n", i, seconds);
    }
  }
  std::string name = std::filesystem::path(argv[0]).filename().string();
  if (name.rfind("gander_", 0) == 0) name = name.substr(7);
  std::printf("%s: %ld inputs from %zu seeds (seed %u), 0 crashes, %ld hangs, slowest %.1f ms\n", name.c_str(),
              iterations, seeds.size(), seed, slow, slowest * 1000);
  return slow == 0 ? 0 : 1;
}
