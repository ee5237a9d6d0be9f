"""The string literals of C++ source text, for the doc checks that compare
what a page says with what the code can print or run
(check_troubleshooting.py, check_readme_tools.py)."""
import re


def string_literals(text):
    """Yields the C++ string literals of a source file, adjacent ones joined."""
    for _, value in located_string_literals(text):
        yield value


def located_string_literals(text):
    """Yields (offset of the opening quote, value) for each C++ string literal
    of a source file, adjacent ones joined, escapes decoded."""
    i, n = 0, len(text)
    joined, joined_at, last_end = None, 0, 0
    while i < n:
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif text[i] == "'" and not (i > 0 and text[i - 1].isalnum()):  # a char literal (not 1'000)
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif text[i] == '"':
            start = i
            if re.search(r"(?<![A-Za-z0-9_])(?:u8|u|U|L)?R$", text[max(0, i - 3):i]):
                delimiter = re.match(r'"([^(\s]*)\(', text[i:]).group(1)
                end = text.find(")" + delimiter + '"', i)
                value = text[i + len(delimiter) + 2:end]
                i = end + len(delimiter) + 2
            else:
                j, parts = i + 1, []
                while j < n and text[j] != '"':
                    if text[j] == "\\":
                        parts.append(ESCAPES.get(text[j + 1], "\0"))
                        j += 2
                    else:
                        parts.append(text[j])
                        j += 1
                value = "".join(parts)
                i = j + 1
            if joined is not None and text[last_end:start].strip() == "":
                joined += value
            else:
                if joined is not None:
                    yield joined_at, joined
                joined, joined_at = value, start
            last_end = i
        else:
            i += 1
    if joined is not None:
        yield joined_at, joined


# Escapes as C++ decodes them; numeric ones (never in the documented text) become NUL.
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "?": "?"}
