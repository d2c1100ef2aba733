#!/usr/bin/env python3
"""PDF fixtures shaped like real exports, for the PDF reader's tests (Tests/YusuanIngestTests/Fixtures/).

seed-cid.pdf: the seed disclosure printed with reportlab in the unembedded CID font STSong-Light (pdftotext
reads it through poppler-data): justified prose, tables with a grid, cells that wrap inside their column and
are centred vertically, merged header cells. Deterministic (reportlab's invariant mode).

Run: python3 scripts/make-pdf-fixtures.py   (needs reportlab)"""
import os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seedblocks import blocks, clean

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEED = os.path.join(ROOT, "datasets/guangyang/2021/organization-department.budget.txt")
OUT = os.path.join(ROOT, "Tests/YusuanIngestTests/Fixtures")

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
BODY = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, alignment=TA_JUSTIFY, wordWrap="CJK",
                      spaceAfter=2)
CELL = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")


def cell_text(c):
    """A cell as a reader sees it: the paragraphs of a Tika cell run on, except where one starts a list item."""
    out = ""
    for line in clean(c).split("\n"):
        line = line.strip()
        if not line: continue
        if out and re.match(r"^(（|\(|[0-9一二三四五六七八九十]{1,2}[.、．)）])", line): out += "\n"
        elif out and re.match(r"[A-Za-z0-9]", out[-1]) and re.match(r"[A-Za-z0-9]", line[0]): out += " "
        out += line
    return out


def spans(rows, width):
    """Where a Tika row has fewer cells than the table, which of its cells is merged across columns.
    A short row over a longer one (a two-row header) spans its cells over the runs of the row below that hold
    text; any other short row spans its last cell to the right edge."""
    out = []
    for k, r in enumerate(rows):
        if len(r) == width:
            out.append([(j, j) for j in range(width)]); continue
        below = rows[k + 1] if k + 1 < len(rows) else None
        placed = None
        if below is not None and len(below) == width:
            placed, i = [], 0
            for _ in r:
                if i >= width: placed = None; break
                if below[i] == "":
                    placed.append((i, i)); i += 1
                else:
                    j = i
                    while j + 1 < width and below[j + 1] != "": j += 1
                    placed.append((i, j)); i = j + 1
            if placed is not None and i != width: placed = None
        if placed is None:
            placed = [(j, j) for j in range(len(r) - 1)] + [(len(r) - 1, width - 1)]
        out.append(placed)
    return out


def seed_table(rows, page_width):
    width = max(len(r) for r in rows)
    placed = spans(rows, width)
    # Column widths from the longest single-column text, so long cells wrap inside narrow columns.
    need = [2] * width
    for r, p in zip(rows, placed):
        for c, (a, b) in zip(r, p):
            if a == b: need[a] = max(need[a], min(max((len(x) for x in cell_text(c).split("\n")), default=0), 12))
    total = sum(need)
    widths = [page_width * n / total for n in need]
    data = [["" for _ in range(width)] for _ in rows]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for i, (r, p) in enumerate(zip(rows, placed)):
        for c, (a, b) in zip(r, p):
            data[i][a] = Paragraph(escape(cell_text(c)).replace("\n", "<br/>"), CELL)
            if b > a: style.append(("SPAN", (a, i), (b, i)))
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=0)


def seed_pdf(path):
    seed = blocks(open(SEED, encoding="utf-8").read().split("\n"))
    portrait, wide = A4, landscape(A4)
    doc = BaseDocTemplate(path, pagesize=portrait, title="", author="", creator="", producer="yusuan fixtures")
    margin = 20 * mm
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(margin, margin, portrait[0] - 2 * margin, portrait[1] - 2 * margin)], pagesize=portrait),
        PageTemplate("wide", [Frame(margin, margin, wide[0] - 2 * margin, wide[1] - 2 * margin)], pagesize=wide)])
    story = []
    for kind, v in seed:
        if kind == "p":
            text = clean(v).strip()
            if text: story.append(Paragraph(escape(text), BODY))
        else:
            cols = max(len(r) for r in v)
            # Wide tables (procurement) on a landscape page, as departments print them.
            if cols > 9:
                story += [NextPageTemplate("wide"), Spacer(0, 0)]
            frame = (wide[0] if cols > 9 else portrait[0]) - 2 * margin
            story += [seed_table(v, frame), Spacer(0, 6)]
            if cols > 9: story.append(NextPageTemplate("portrait"))
    doc.build(story)


if __name__ == "__main__":
    seed_pdf(os.path.join(OUT, "seed-cid.pdf"))
    print("wrote seed-cid.pdf")
