"""Replaces one generated section of benchmarks/README.md.

A section is what lies between `<!-- NAME:begin -->` and `<!-- NAME:end -->`; the scripts
that measure (compare.py, instructions.sh, compile_cost.sh, compile_instructions.sh) each own
one and rewrite it with --readme. Stdlib only.

    python3 benchmarks/readme_section.py NAME < table.md
"""
import os
import re
import sys

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")


def replace_section(name, text, path=README):
    """Puts `text` between the markers of section `name` of `path`; exits when they are missing."""
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    if begin not in readme or end not in readme:
        sys.exit("%s lacks the %s ... %s markers" % (path, begin, end))
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    readme = pattern.sub(lambda _: begin + "\n" + text + "\n" + end, readme)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 readme_section.py NAME < text")
    replace_section(sys.argv[1], sys.stdin.read().rstrip("\n"))
