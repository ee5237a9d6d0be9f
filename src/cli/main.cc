#include <cstdio>
#include "gander_version.h"
int main() { std::puts("gander " GANDER_VERSION); return 0; }
