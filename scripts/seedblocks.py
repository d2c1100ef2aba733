"""The seed's Tika text as blocks, shared by the fixture generators (make-fixtures.py, make-pdf-fixtures.py)."""
import re

HEADING = tuple("一二三四五六七八九十")

def looks_like_heading(s):
    s = s.strip(); i = 0
    while i < len(s) and s[i] in HEADING: i += 1
    return (i > 0 and i < len(s) and s[i] == "、") or (s.startswith("第") and "部分" in s[:8])

def blocks(lines):
    """The seed's Tika text as [("p", text) | ("t", [[cell, ...], ...])], by the rules in DESIGN.md."""
    out, rows, cells = [], [], []
    def end_row():
        nonlocal cells
        if cells: rows.append(cells); cells = []
    def end_table():
        nonlocal rows
        end_row()
        if rows: out.append(("t", rows)); rows = []
    for line in lines:
        if line.startswith("\t"):
            cells.append(line[1:]); continue
        if not line.strip():
            if cells: end_row()
            else: end_table()
            continue
        if cells and not looks_like_heading(line):
            cells[-1] += "\n" + line; continue
        end_table(); out.append(("p", line.strip()))
    end_table()
    return out

def clean(s):
    # Word noise of the extraction is not part of the document's text.
    s = re.sub(r"\[bookmark: [^\]]*\]", "", s)
    s = re.sub(r"\{ ?TC [^}]*\}?", "", s)
    return s

