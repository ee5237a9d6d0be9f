#include "core/lint/sql_types.h"

#include <algorithm>
#include <cstdlib>

namespace gander::lint {
namespace {

long long Arg(const SqlType& t, size_t i) {
  if (i >= t.args.size()) return -1;
  char* end = nullptr;
  long long v = std::strtoll(t.args[i].c_str(), &end, 10);
  return end && *end == '\0' ? v : -1;
}

int IntRank(const std::string& name) {
  if (name == "TINYINT") return 1;
  if (name == "SMALLINT") return 2;
  if (name == "MEDIUMINT") return 3;
  if (name == "INT") return 4;
  if (name == "BIGINT") return 5;
  return 0;
}

// Characters a string type holds; -1 unbounded, 0 not a string type.
long long StringCapacity(const SqlType& t, Engine e) {
  const std::string& n = t.name;
  if (n == "VARCHAR" || n == "CHAR") {
    long long len = Arg(t, 0);
    if (len > 0) return len;
    return n == "CHAR" ? 1 : -1;  // char = char(1); varchar without length: unbounded
  }
  if (n == "TEXT" || n == "CITEXT") return e == Engine::kMySql && n == "TEXT" ? 65535 : -1;
  if (n == "TINYTEXT") return 255;
  if (n == "MEDIUMTEXT") return 16777215;
  if (n == "LONGTEXT") return -1;
  return 0;
}

bool Fits(long long from, long long to) { return to == -1 || (from != -1 && to >= from); }

bool IsTime(const std::string& n) { return n == "TIMESTAMP" || n == "TIMESTAMPTZ" || n == "DATETIME"; }

}  // namespace

const char* EngineName(Engine e) {
  switch (e) {
    case Engine::kPostgres: return "postgres";
    case Engine::kMySql: return "mysql";
    case Engine::kSqlite: return "sqlite";
  }
  return "";
}

std::optional<Engine> EngineFromName(const std::string& name) {
  if (name == "postgres" || name == "pgx" || name == "postgresql") return Engine::kPostgres;
  if (name == "mysql" || name == "mariadb") return Engine::kMySql;
  if (name == "sqlite3" || name == "sqlite") return Engine::kSqlite;
  return std::nullopt;
}

bool Narrows(const SqlType& from, const SqlType& to, Engine engine) {
  if (from.empty() || to.empty() || from.array != to.array) return false;
  int fi = IntRank(from.name), ti = IntRank(to.name);
  if (fi && ti) return ti < fi;
  long long fs = StringCapacity(from, engine), ts = StringCapacity(to, engine);
  if (fs && ts) return !Fits(fs, ts);
  if (from.name == "NUMERIC" && to.name == "NUMERIC") {
    if (to.args.empty()) return false;
    if (from.args.empty()) return true;
    long long fp = Arg(from, 0), tp = Arg(to, 0), fsc = std::max(0LL, Arg(from, 1)), tsc = std::max(0LL, Arg(to, 1));
    return tp < fp || tsc < fsc || (tp - tsc) < (fp - fsc);
  }
  if (from.name == "DOUBLE" && (to.name == "REAL" || (to.name == "FLOAT" && engine == Engine::kMySql))) return true;
  return IsTime(from.name) && to.name == "DATE";
}

bool PgKeepsTable(const SqlType& from, const SqlType& to) {
  if (from.empty() || to.empty() || from.array != to.array) return false;
  if (from.name == to.name && from.args == to.args) return true;
  bool from_varchar = from.name == "VARCHAR" || from.name == "TEXT";
  if (from_varchar && to.name == "TEXT") return true;
  if (from_varchar && to.name == "VARCHAR") {
    long long f = from.name == "TEXT" ? -1 : Arg(from, 0), t = Arg(to, 0);
    return Fits(f, t);
  }
  if (from.name == "NUMERIC" && to.name == "NUMERIC") {
    if (to.args.empty()) return true;
    return !from.args.empty() && Arg(to, 0) >= Arg(from, 0) && Arg(to, 1) == Arg(from, 1);
  }
  if (from.name == "VARBIT" && to.name == "VARBIT") return to.args.empty() || (!from.args.empty() && Arg(to, 0) >= Arg(from, 0));
  return from.name == "CIDR" && to.name == "INET";
}

bool MySqlKeepsTable(const SqlType& from, const SqlType& to) {
  if (from.empty() || to.empty()) return false;
  if (from.name == to.name && from.args == to.args) return true;
  if (from.name == "VARCHAR" && to.name == "VARCHAR") {
    long long f = Arg(from, 0), t = Arg(to, 0);
    return f > 0 && t >= f && (f <= 63) == (t <= 63);
  }
  if ((from.name == "ENUM" || from.name == "SET") && to.name == from.name && !EnumReordered(from, to)) {
    auto size = [&](size_t n) { return from.name == "ENUM" ? (n > 255 ? 2 : 1) : (n + 7) / 8; };
    return size(from.args.size()) == size(to.args.size());
  }
  return false;
}

bool EnumReordered(const SqlType& from, const SqlType& to) {
  if ((from.name != "ENUM" && from.name != "SET") || to.name != from.name) return false;
  if (to.args.size() < from.args.size()) return true;
  for (size_t i = 0; i < from.args.size(); ++i) {
    if (from.args[i] != to.args[i]) return true;
  }
  return false;
}

}  // namespace gander::lint
