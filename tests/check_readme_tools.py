#!/usr/bin/env python3
"""Checks that the README's install commands are enough on a fresh Debian 12
(ctest `readme_tools`): every external command that the build, the tests and
the packaging call must come from a package README command 2 installs, or
from Debian's minimal base (what `debootstrap --variant=minbase` installs).
The slow proof, a real fresh root, is tests/fresh-debian.sh.

    tests/check_readme_tools.py [--list] [SOURCE_DIR]

It checks, and fails naming what to change:
  1. .ci/run runs README command 2 exactly as printed (one identical line);
  2. README command 2, the quickstart's install block and packaging/README.md's
     install line install at least what README command 1 installs;
  3. each command the scripts call (read from .ci/run, tests/*.sh,
     packaging/*.sh, bench/*.sh, the CMake files, the shell lines of the C++
     tests and the quickstart's tested blocks; see shell_commands.py for how
     scripts are read) is found in /usr/sbin:/usr/bin:/sbin:/bin, and
     `dpkg -S` names a package that is either in README command 2's list, in
     the Depends/Pre-Depends closure of that list (Recommends are not
     counted: apt may be told to skip them), or in the minimal base (Essential
     or Priority required, and apt, with their closure).
--list prints every command found, its package, whether that is in the
minimal base itself or comes with the README's list, and where it is called.
Needs dpkg and apt-cache (both in the minimal base); tests/fresh-debian.sh
is not read (it runs on the host that makes the fresh root).
"""
import doctest
import glob
import os
import pathlib
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpp_literals import located_string_literals  # noqa: E402
import shell_commands  # noqa: E402
from shell_commands import read_script  # noqa: E402

SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

# Called by tools rather than by our scripts, so no script shows them.
IMPLICIT = {
    "c++": "CMake's C++ compiler (build-essential)",
    "make": "CMake's generator (build-essential)",
    "file": "CPack's dpkg-shlibdeps step (CPACK_DEBIAN_PACKAGE_SHLIBDEPS) in packaging/build-deb.sh",
    "dpkg-shlibdeps": "packaging/CMakeLists.txt, for the .deb's Depends",
    "rsync": "MariaDB's wsrep_sst_rsync, the state transfer of tests/with-galera.sh",
}
# Never called on the path CI takes.
NOT_NEEDED = {
    "sudo": "packaging/build-deb.sh uses it only when not run as root",
    "gander": "the binary under test",
    "/usr/bin/gander": "the installed package under test",
}
BASH_WORDS = set("""alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs
disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile
popd printf pushd pwd read readarray readonly return set shift shopt source suspend test times trap true type
typeset ulimit umask unalias unset wait if then else elif fi case esac for select while until do done in function
time coproc [[ (( ]] { } ! . :""".split())


def fail(message):
    print("check_readme_tools: " + message)
    return 1


def readme_command(readme, number):
    """The one-line command of the README's ```sh block after '**NUMBER.'."""
    m = re.search(r"^\*\*" + str(number) + r"\..*?^```sh\n(.*?)\n```", readme, re.M | re.S)
    if not m or "\n" in m.group(1):
        sys.exit(f"check_readme_tools: README.md has no one-line ```sh block after '**{number}.'")
    return m.group(1)


def installed_by(command):
    """The packages an `apt-get install` in a command line names."""
    packages = []
    for m in re.finditer(r"apt-get install((?:(?:\s|\\\n)+[^\s>&|;\\]+)+)", command):
        packages += [w for w in m.group(1).split() if not w.startswith("-") and w != "\\"]
    return packages


def closure(packages):
    """The packages and everything they Depend or Pre-Depend on (all alternatives)."""
    if not packages:
        return set()
    out = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                          "--no-breaks", "--no-replaces", "--no-enhances", *sorted(packages)],
                         capture_output=True, text=True, check=False).stdout
    found = {line.strip("<>") for line in out.splitlines() if line and not line[0].isspace()}
    return found | set(packages)


def minimal_base():
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Essential} ${Priority}\n"],
                         capture_output=True, text=True, check=True).stdout
    base = {"apt"}
    for line in out.splitlines():
        name, essential, priority = (line.split() + ["", ""])[:3]
        if essential == "yes" or priority == "required":
            base.add(name)
    return base


def owners(paths):
    """{path: package} from dpkg -S, trying the path, its target and its /usr-merged twin."""
    candidates = {}
    for path in paths:
        tries = [path, os.path.realpath(path)]
        for p in list(tries):
            if p.startswith("/usr/"):
                tries.append(p[4:])
            else:
                tries.append("/usr" + p)
        candidates[path] = tries
    every = sorted({p for tries in candidates.values() for p in tries})
    out = subprocess.run(["dpkg", "-S", *every], capture_output=True, text=True, check=False).stdout
    owner = {}
    for line in out.splitlines():
        if line.startswith("diversion ") or ": " not in line:
            continue
        package, path = line.split(": ", 1)
        owner.setdefault(path, package.split(",")[0].split(":")[0].strip())
    return {path: next((owner[p] for p in tries if p in owner), None) for path, tries in candidates.items()}


def shell_files(src):
    files = [src / ".ci/run"]
    for pattern in ("tests/*.sh", "packaging/*.sh", "bench/*.sh"):
        files += [pathlib.Path(p) for p in sorted(glob.glob(str(src / pattern)))]
    return [f for f in files if f.name != "fresh-debian.sh"]


def called_commands(src):
    """{command: where it is first called}, without builtins, functions and our own binaries."""
    called, defined = {}, set()

    def add(found, where):
        for name, line in found:
            called.setdefault(name, f"{where}:{line}" if line else str(where))

    for f in shell_files(src):
        found, functions = read_script(f.read_text())
        add(found, f.relative_to(src))
        defined |= functions
    for f in [src / "packaging/completions/gander.bash"]:
        defined |= read_script(f.read_text())[1]
    cmake_files = [src / "CMakeLists.txt", *sorted(src.glob("*/CMakeLists.txt"))]
    for f in cmake_files:
        text = f.read_text()
        for m in re.finditer(r"\b(?:COMMAND|find_program\(\s*\w+)\s+([A-Za-z0-9_./+-]+)", text):
            if m.group(1).startswith("gander"):
                continue  # our own targets
            add([(m.group(1), text.count("\n", 0, m.start()) + 1)], f.relative_to(src))
    # The C++ tests' shell lines: a literal given to std::system, the NAME of
    # `command -v NAME` and the first word after a pipe in any literal.
    for f in sorted(src.glob("tests/**/*.cc")):
        text = f.read_text()
        for at, literal in located_string_literals(text):
            where = f"{f.relative_to(src)}:{text.count(chr(10), 0, at) + 1}"
            if re.search(r"std::system\(\(?\s*$", text[max(0, at - 20):at]):
                add([(name, 0) for name, _ in read_script(literal.replace("'", ""))[0]], where)
            names = re.findall(r"(?:command -v |(?:^|\s)\|\s+)([A-Za-z0-9_./+-]+)", literal)  # not SQL's ||
            add([(name, 0) for name in names], where)
    # The quickstart's tested blocks.
    page = src / "docs/quickstart.md"
    text = page.read_text()
    for m in re.finditer(r"^<!-- quickstart-test (.+) -->\n```sh\n(.*?)^```", text, re.M | re.S):
        if "$EDITOR" not in m.group(1).split():
            add(read_script(m.group(2))[0], f"{page.relative_to(src)}:{text.count(chr(10), 0, m.start()) + 1}")
    for name, why in IMPLICIT.items():
        called.setdefault(name, why)
    for name in BASH_WORDS | defined | set(NOT_NEEDED):
        called.pop(name, None)
    return called


def main(argv):
    if doctest.testmod(shell_commands).failed:
        return fail("the script reader (tests/shell_commands.py) fails its own examples")
    listing = "--list" in argv
    args = [a for a in argv if a != "--list"]
    src = pathlib.Path(args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")).resolve()
    readme = (src / "README.md").read_text()
    one, two = readme_command(readme, 1), readme_command(readme, 2)
    status = 0

    # 1. CI runs README command 2 as printed.
    if two not in (src / ".ci/run").read_text().splitlines():
        status = fail(".ci/run does not run README command 2 as printed; put this line in it:\n  " + two)

    # 2. The other install lines install what command 1 does.
    needed = installed_by(one)
    quickstart = (src / "docs/quickstart.md").read_text()
    install_block = re.search(r"^## Install\n.*?^```sh\n(.*?)^```", quickstart, re.M | re.S)
    packaging = (src / "packaging/README.md").read_text()
    packaging_line = next((l for l in packaging.splitlines() if "apt-get install" in l), "")
    for where, command in (("README command 2", two),
                           ("docs/quickstart.md's install block", install_block.group(1) if install_block else ""),
                           ("packaging/README.md's install line", packaging_line)):
        missing = [p for p in needed if p not in installed_by(command)]
        if missing:
            status = fail(f"{where} does not install {' '.join(missing)} (README command 1 does)")

    # 3. Every command comes from a package that is sure to be there.
    packages = installed_by(two)
    base = minimal_base()
    allowed = closure(set(packages) | base)  # one apt-cache run: it takes seconds
    called = called_commands(src)
    paths = {name: shutil.which(name, path=SYSTEM_PATH) for name in called}
    owner = owners([p for p in paths.values() if p])
    for name in sorted(called):
        path, where = paths[name], called[name]
        package = owner.get(path) if path else None
        source = "minbase" if package in base else "README" if package in allowed else "MISSING"
        if listing:
            print(f"{name:22} {package or '-':28} {source:8} {where}")
        if path is None:
            status = fail(f"'{name}' ({where}) is not installed here; add the package that provides it to README "
                          f"command 2 (`apt-file search bin/{name}` names it)")
        elif package is None:
            status = fail(f"'{name}' ({where}) is {path}, which no Debian package provides; the fresh machine will "
                          "not have it")
        elif source == "MISSING":
            status = fail(f"'{name}' ({where}) comes from package {package}, which README command 2 does not install "
                          f"(nor anything it depends on, nor Debian's minimal base): add {package} to README "
                          "command 2 (and so to .ci/run)")
    if status == 0:
        print(f"check_readme_tools: .ci/run runs README command 2; its {len(packages)} packages and Debian's minimal "
              f"base provide all {len(called)} commands the build, tests and packaging call")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
