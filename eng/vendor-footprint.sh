#!/usr/bin/env bash
# Counts, per vendor, the C# files under src/ and tests/ (library, emulator, adapters, tests) whose CODE names the
# vendor outside the vendor's own folders. The target (issue 15) is at most 6 such files per vendor.
#
# The rule:
# - A vendor's own folders: any directory named exactly like its folder (PyannoteAI, Together, JigsawStack, NanoGpt)
#   anywhere under src/ or tests/ (src/Pyannote.Sdk/<Folder>/, src/Pyannote.Sdk.AspNetCore/<Folder>/,
#   tests/*/<Folder>/, ...), its generated client (Generated/<Folder>.g.cs) and its emulator module
#   (src/Pyannote.Sdk.Emulator/Vendors/<Prefix>*.cs).
# - "Names it": the vendor's name in any casing (for pyannoteAI: "pyannote" not followed by ".Sdk"/"-sdk"/"_sdk", so
#   the product name does not count, nor "pyannote-sample"/"PyannoteSample": the open-source pyannote.audio sample
#   corpus under ../shared/corpora, not the vendor's API; for Together: not the English word in common phrases), or its environment
#   variable, found in code: identifiers and string literals. Comments (// ..., /* ... */, /// XML docs) are stripped
#   first, so a file that only mentions a vendor in prose does not count: comments need no edit when a vendor is
#   added. `--with-comments` counts comments too (the measure used before session 3).
#
#   bash eng/vendor-footprint.sh                  # table: outside files per vendor (src / tests split)
#   bash eng/vendor-footprint.sh -v               # and the files
#   bash eng/vendor-footprint.sh --with-comments  # count mentions in comments as well
#   MAX=6 bash eng/vendor-footprint.sh            # exit 1 when a vendor is named in more than MAX outside files
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
verbose=0
comments=0
for arg in "$@"; do
  case "$arg" in
    -v) verbose=1 ;;
    --with-comments) comments=1 ;;
    *) echo "usage: $0 [-v] [--with-comments]" >&2; exit 2 ;;
  esac
done
git ls-files -z -- 'src/*.cs' 'tests/*.cs' \
  | VERBOSE=$verbose WITH_COMMENTS=$comments MAX="${MAX:-}" python3 -c '
import os, re, sys

# folder | emulator module prefix | pattern (case-insensitive)
VENDORS = [
    ("PyannoteAI", "Pyannote", r"pyannote(?![.\-_]?sdk)(?![ _\-]?sample)"),
    ("Together", "Together", r"\btogether(?![ -](with|they|we|in|on|the|as|and|,))"),
    ("JigsawStack", "JigsawStack", r"jigsawstack"),
    ("NanoGpt", "NanoGpt", r"nanogpt"),
]

def strip_comments(text):
    """C# source with // and /* */ comments blanked; string and char literals (regular, verbatim, raw, interpolated)
    are kept, so "https://..." is not mistaken for a comment."""
    out = []
    i, n = 0, len(text)
    def keep(a, b):
        out.append(text[a:b])
    def blank(a, b):
        out.append(re.sub(r"[^\n]", " ", text[a:b]))
    def code(i, stop_at_brace):
        depth = 0
        while i < n:
            c = text[i]
            nxt = text[i + 1] if i + 1 < n else ""
            if c == "/" and nxt == "/":
                j = text.find("\n", i)
                j = n if j < 0 else j
                blank(i, j); i = j
            elif c == "/" and nxt == "*":
                j = text.find("*/", i + 2)
                j = n if j < 0 else j + 2
                blank(i, j); i = j
            elif c == "\x27":  # char literal
                j = i + 1
                while j < n and text[j] != "\x27" and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                keep(i, j + 1); i = j + 1
            elif c in "$@\"":
                m = re.compile(r"(\$*)(@?)(\$*)(\"+)").match(text, i)
                if not m or (c != "\"" and not m.group(4)):
                    keep(i, i + 1); i += 1
                    continue
                dollars = len(m.group(1)) + len(m.group(3))
                verbatim = bool(m.group(2))
                quotes = len(m.group(4))
                if quotes >= 3:  # raw string literal: ends at the same run of quotes
                    j = text.find("\"" * quotes, m.end())
                    j = n if j < 0 else j + quotes
                    keep(i, j); i = j
                elif quotes == 2 and not verbatim:  # empty string ""
                    keep(i, m.end()); i = m.end()
                else:
                    keep(i, i + len(m.group(0)) - quotes + 1)
                    i = string(i + len(m.group(0)) - quotes + 1, verbatim, dollars > 0)
            elif stop_at_brace and c == "{":
                depth += 1; keep(i, i + 1); i += 1
            elif stop_at_brace and c == "}":
                if depth == 0:
                    return i
                depth -= 1; keep(i, i + 1); i += 1
            else:
                j = i + 1
                while j < n and text[j] not in "/\x27$@\"{}":
                    j += 1
                keep(i, j); i = j
        return i
    def string(i, verbatim, interpolated):
        while i < n:
            c = text[i]
            nxt = text[i + 1] if i + 1 < n else ""
            if not verbatim and c == "\\":
                keep(i, i + 2); i += 2
            elif c == "\"":
                if verbatim and nxt == "\"":
                    keep(i, i + 2); i += 2
                else:
                    keep(i, i + 1); return i + 1
            elif interpolated and c == "{" and nxt == "{":
                keep(i, i + 2); i += 2
            elif interpolated and c == "{":
                keep(i, i + 1)
                i = code(i + 1, True)
                if i < n:
                    keep(i, i + 1); i += 1
            elif not verbatim and c == "\n":  # unterminated: give up on this literal
                return i
            else:
                keep(i, i + 1); i += 1
        return i
    code(0, False)
    return "".join(out)

files = [f for f in sys.stdin.read().split("\0") if f and os.path.isfile(f)]
with_comments = os.environ.get("WITH_COMMENTS") == "1"
texts = {}
for f in files:
    with open(f, encoding="utf-8-sig") as h:
        t = h.read()
    texts[f] = t if with_comments else strip_comments(t)
verbose = os.environ.get("VERBOSE") == "1"
limit = os.environ.get("MAX") or ""
status = 0
print("%-12s %-13s %-4s %s" % ("vendor", "outside-files", "src", "tests"))
for folder, prefix, pattern in VENDORS:
    own = re.compile(r"(^|/)%s/|/Generated/%s\.g\.cs$|^src/Pyannote\.Sdk\.Emulator/Vendors/%s[^/]*\.cs$"
                     % (re.escape(folder), re.escape(folder), re.escape(prefix)))
    names = re.compile(pattern, re.I)
    outside = [f for f in files if not own.search(f) and names.search(texts[f])]
    in_src = [f for f in outside if f.startswith("src/")]
    print("%-12s %-13d %-4d %d" % (folder, len(outside), len(in_src), len(outside) - len(in_src)))
    if verbose:
        for f in outside:
            print("    " + f)
    if limit and len(outside) > int(limit):
        status = 1
sys.exit(status)
'
