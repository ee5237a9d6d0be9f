r"""The commands a bash script runs, found by reading it (not running it), for
check_readme_tools.py.

    read_script(text) -> (commands, functions)
        commands:  [(name, line)], every command word, in order
        functions: {name}, the functions the script defines

A reader for the shell this project writes, not a full bash parser. Command
words are the first word of a line and the words after ; & && || | ( { ! and
after the keywords if/then/else/elif/do/while/until, also inside $( ), <( )
and backquotes (within double quotes too) and in the code strings of
`trap '...'` and `bash -c '...'`. The command a wrapper runs (env, exec,
runuser ... --, setsid, nohup, timeout, xargs, time, "${sudo[@]}") is one too,
and `command -v NAME` counts NAME. Here-document bodies, [[ ]], (( )), case
patterns, array values and other quoted text are skipped. A word holding `$`
is no name and is left out. Keywords and builtins are in the list (the
caller drops them).

>>> names = lambda text: [name for name, _ in read_script(text)[0]]
>>> names('a=$(b "$(c)") d | e && f; g 2>&1 || h >&2')
['c', 'b', 'd', 'e', 'f', 'g', 'h']
>>> names("x() { y; }\nx\ncase $1 in\n  -h | --help) z ;;\n  *) w ;;\nesac")
['y', 'case', 'z', 'w']
>>> sorted(names("runuser -u postgres -- pg_ctl -D d\nenv A=1 b\nsetsid c &\n\"${sudo[@]}\" env d"))
['b', 'c', 'd', 'env', 'env', 'pg_ctl', 'runuser', 'setsid']
>>> sorted(names("cat <<'EOF'\nnot a command\nEOF\n[[ -x $(k) ]] && command -v l >/dev/null; trap 'm' EXIT"))
['cat', 'command', 'k', 'l', 'm', 'trap']
>>> names('for i in 1 2; do n "$i"; done; (( i > 1 )) && o=(p q) r; "$gander" s')
['for', 'n', 'done', 'r']
"""
import re

WRAPPERS = {"env", "exec", "runuser", "setsid", "nohup", "timeout", "xargs", "time", "/usr/bin/time", "nice", "sudo"}
STARTERS = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"}
SEPARATORS = ("\n", "&&", "||", ";;&", ";;", ";&", "|&", ";", "&", "|", "(", ")", "}")
HEREDOC = re.compile(r"(?<!<)<<(-?)[ \t]*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")
NAME = re.compile(r"^(/[A-Za-z0-9_./+-]+|[A-Za-z0-9_][A-Za-z0-9_.+-]*)$")
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=")


def _skip_single(text, i):
    j = text.find("'", i + 1)
    return len(text) if j < 0 else j + 1


def _skip_double(text, i):
    """Index just past the double-quoted string that starts at text[i]."""
    i += 1
    while i < len(text) and text[i] != '"':
        if text[i] == "\\":
            i += 1
        elif text.startswith("$(", i) or text.startswith("${", i):
            i = _balanced(text, i + 1) - 1
        i += 1
    return i + 1


def _balanced(text, i):
    """Index just past the bracket that closes the one at text[i], quotes skipped."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    opening, closing, depth = text[i], pairs[text[i]], 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "'" and opening != "{":
            i = _skip_single(text, i)
            continue
        if c == '"':
            i = _skip_double(text, i)
            continue
        depth += c == opening
        depth -= c == closing
        i += 1
        if depth == 0:
            return i
    return i


def _without_heredocs(text):
    """The text with here-document bodies blanked (line numbers kept)."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        for m in HEREDOC.finditer(line):
            if _inside_quotes(line[:m.start()]):
                continue
            strip = m.group(1) == "-"
            while i < len(lines) and (lines[i].strip() if strip else lines[i]) != m.group(3):
                out.append("")
                i += 1
            if i < len(lines):
                out.append("")
                i += 1
    return "\n".join(out)


def _inside_quotes(code):
    quote = None
    for i, c in enumerate(code):
        if quote is None and c in "'\"" and (i == 0 or code[i - 1] != "\\"):
            quote = c
        elif c == quote:
            quote = None
    return quote is not None


class _Reader:
    def __init__(self):
        self.found = []       # (name, line)
        self.defined = set()  # functions

    def tokens(self, text, base_line):
        """('sep', op, line) and ('word', raw, single-quoted content or None, line)."""
        out, i, n = [], 0, len(text)
        line_at = lambda k: base_line + text.count("\n", 0, k)
        while i < n:
            c = text[i]
            if c in " \t" or text.startswith("\\n", i):
                i += 1 if c in " \t" else 2
                continue
            if c == "#":
                j = text.find("\n", i)
                i = n if j < 0 else j
                continue
            if text.startswith("[[", i) or text.startswith("((", i):
                j = text.find("]]", i) + 2 if c == "[" else _balanced(text, i)
                j = n if j < 2 else j
                self.substitutions(text[i:j], line_at(i))
                out.append(("word", c * 2, None, line_at(i)))
                i = j
                continue
            sep = next((s for s in SEPARATORS if text.startswith(s, i)), None)
            if sep:
                out.append(("sep", sep, line_at(i)))
                i += len(sep)
                continue
            start, quoted = i, None
            while i < n and text[i] not in " \t\n;&|()":
                if text[i] == "\\":
                    i += 2
                elif text[i] == "'":
                    j = _skip_single(text, i)
                    if start == i:
                        quoted = text[i + 1:j - 1]
                    i = j
                elif text[i] == '"':
                    j = _skip_double(text, i)
                    self.substitutions(text[i:j], line_at(i))
                    i = j
                elif text.startswith("$((", i):
                    i = _balanced(text, i + 1)
                elif text[i] in "$<>" and text.startswith("(", i + 1):
                    j = _balanced(text, i + 1)
                    self.code(text[i + 2:j - 1], line_at(i))
                    i = j
                elif text.startswith("${", i):
                    i = _balanced(text, i + 1)
                elif text[i] == "`":
                    j = text.find("`", i + 1)
                    j = n if j < 0 else j
                    self.code(text[i + 1:j], line_at(i))
                    i = j + 1
                elif text[i] in "<>":
                    i += 1
                    while i < n and text[i] in "&>-":  # >&2, &>, 2>&-
                        i += 1
                elif text[i] == "=" and text.startswith("(", i + 1) and ASSIGNMENT.match(text[start:i + 1]):
                    i = _balanced(text, i + 1)  # an array value: a=(x y)
                else:
                    i += 1
            out.append(("word", text[start:i], quoted, line_at(start)))
        return out

    def substitutions(self, text, line):
        """The commands of the $( ) of a double-quoted string or a test."""
        i = 0
        while True:
            i = text.find("$(", i)
            if i < 0:
                return
            j = _balanced(text, i + 1)
            if not text.startswith("$((", i):
                self.code(text[i + 2:j - 1], line)
            i = j

    def code(self, text, base_line=1):
        at_start, pattern, cases, definition = True, False, 0, False
        words, wrapper = [], None  # the current simple command
        tokens = self.tokens(text, base_line)
        for k, tok in enumerate(tokens):
            if tok[0] == "sep":
                sep = tok[1]
                if sep == "(" and len(words) == 1 and k + 1 < len(tokens) and tokens[k + 1][1] == ")":
                    self.defined.add(words[0])  # name() { ...
                    self.found = [f for f in self.found if f != (words[0], tok[2])]
                    definition = True
                elif definition and sep == ")":
                    definition, at_start = False, True  # the body follows
                elif pattern and sep == ")":
                    pattern, at_start = False, True  # the end of a case pattern
                else:
                    if sep in (";;", ";&", ";;&"):
                        pattern = cases > 0
                    at_start = not pattern and sep != ")"
                words, wrapper = [], None
                continue
            _, word, quoted, line = tok
            if word == "esac" and (at_start or pattern) and cases:
                cases, pattern = cases - 1, False
                continue
            if pattern:
                continue
            if words:
                if quoted is not None and (words == ["trap"] or words[-1] == "-c" and words[0] in ("bash", "sh")):
                    self.code(quoted, line)
                if words[0] == "command" and words[-1] == "-v" and NAME.match(word):
                    self.found.append((word, line))
                if words == ["function"]:
                    self.defined.add(word)
            if not at_start:
                words.append(word)
                if words[0] == "case" and word == "in":
                    cases, pattern = cases + 1, True
                elif wrapper is not None and self.runs_next(wrapper, words[1:]):
                    at_start, words, wrapper = True, [], None
                continue
            if ASSIGNMENT.match(word) or re.match(r"^[0-9]*[<>]", word) or re.fullmatch(r'"\$\{\w+\[@\]\}"', word):
                continue  # an assignment, a redirection or an array of prefix words before the command
            if word in STARTERS:
                continue
            at_start, words = False, [word]
            name = word.strip("'\"")
            if "$" in word or "`" in word or not NAME.match(name):
                continue
            self.found.append((name, line))
            if name in WRAPPERS or name == "command":
                wrapper = name
                if self.runs_next(wrapper, []):
                    at_start, words, wrapper = True, [], None

    @staticmethod
    def runs_next(wrapper, args):
        """Whether the next word is the command that `wrapper args...` runs."""
        last = args[-1] if args else ""
        if wrapper == "command":
            return False  # `command -v NAME` is a probe, counted above
        if wrapper == "runuser":
            return last == "--"
        if wrapper == "env":
            return not args or "=" in last or last.startswith("-")
        if wrapper == "timeout":
            return len([a for a in args if not a.startswith("-")]) == 1
        if wrapper in ("time", "/usr/bin/time"):
            options_done = not args or (last.startswith("-") and last not in ("-f", "-o")) or \
                (len(args) > 1 and args[-2] in ("-f", "-o"))
            return options_done
        if wrapper == "nice":
            return not args or (len(args) > 1 and args[-2] == "-n") or (last.startswith("-") and last != "-n")
        return not args or last.startswith("-")


def read_script(text):
    reader = _Reader()
    reader.code(_without_heredocs(text))
    commands = [f for f in reader.found if f[0] not in reader.defined]
    return commands, reader.defined
