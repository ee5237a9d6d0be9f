#include "app/child_process.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("RunChild: exit code, stdout and stderr, with extra environment variables") {
  ChildResult r;
  REQUIRE(RunChild({"/bin/sh", "-c", "echo out $GANDER_CHILD_TEST; echo err >&2; exit 3"},
                   {{"GANDER_CHILD_TEST", "here"}}, &r)
              .ok());
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out here\n");
  CHECK(r.err == "err\n");
  CHECK(r.seconds >= 0);
}

TEST_CASE("RunChild: a signal is 128 + its number; stdin is empty; a program that cannot start is an error") {
  ChildResult r;
  REQUIRE(RunChild({"/bin/sh", "-c", "read line || echo eof; kill -TERM $$"}, {}, &r).ok());
  CHECK(r.out == "eof\n");
  CHECK(r.exit_code == 128 + 15);
  Status st = RunChild({"/nonexistent/gander"}, {}, &r);
  CHECK_FALSE(st.ok());
  CHECK(st.message() == "cannot start /nonexistent/gander: No such file or directory");
}
