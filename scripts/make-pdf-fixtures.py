#!/usr/bin/env python3
"""PDF fixtures shaped like real exports, for the PDF reader's tests (Tests/YusuanIngestTests/Fixtures/).

seed-cid.pdf: the seed disclosure printed with reportlab in the unembedded CID font STSong-Light (pdftotext
reads it through poppler-data): justified prose, tables with a grid, cells that wrap inside their column and
are centred vertically, merged header cells. Deterministic (reportlab's invariant mode).

lo-explanation / lo-tables (.docx and .pdf): documents of our own, made into PDF by LibreOffice headless.

titles/ (Tests/YusuanAnalyseTests/Fixtures/titles: text, .docx, .pdf): documents whose titles are set over several
lines, for completeness (a statement of 三公 expenses alone, or a whole disclosure).

Run: python3 scripts/make-pdf-fixtures.py [titles]   (needs reportlab and soffice: Debian's libreoffice-writer-nogui;
"titles" makes only those)"""
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




# ---------------------------------------------------------------- .docx of our own, made into PDF by LibreOffice
# Layouts real exporters produce: a cover title over two lines, justified text at 1.5 line spacing with a first-line
# indent, a narrow text column (WPS-like), "2024 年度" with spaces, tables with vertically centred and wrapped
# cells, merged headers (gridSpan, vMerge), a long table going on over two pages with its header repeated.
import subprocess, tempfile, zipfile

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FONT = '<w:rFonts w:ascii="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC"/>'


def w_run(text, size=21, bold=False):
    return (f'<w:r><w:rPr>{FONT}{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def w_para(text, *, jc="both", indent=True, line=360, size=21, bold=False, keep=False):
    ind = '<w:ind w:firstLineChars="200" w:firstLine="420"/>' if indent else ""
    ppr = (f'<w:pPr>{"<w:keepNext/>" if keep else ""}<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="auto"/>'
           f'{ind}<w:jc w:val="{jc}"/></w:pPr>')
    return f"<w:p>{ppr}{w_run(text, size, bold)}</w:p>"


def w_cell(text, width, *, span=1, vmerge=None, jc="left"):
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1: props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart": props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue": props += '<w:vMerge/>'
    props += '<w:vAlign w:val="center"/>'
    ppr = f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="{jc}"/></w:pPr>'
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p>{ppr}{w_run(text, 18) if text else ""}</w:p></w:tc>'


def w_table(widths, rows, header_rows=1):
    """rows: lists of (text, span, vmerge, jc) tuples or plain strings (amounts right-aligned)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in ["top", "left", "bottom", "right", "insideH", "insideV"])
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
           f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for k, r in enumerate(rows):
        cells, col = [], 0
        for c in r:
            text, span, vmerge, jc = c if isinstance(c, tuple) else (c, 1, None, "right" if re.match(r"^-?[0-9][0-9,.]*$", c) else "left")
            cells.append(w_cell(text, sum(widths[col:col + span]), span=span, vmerge=vmerge, jc=jc)); col += span
        trpr = '<w:trPr><w:tblHeader/></w:trPr>' if k < header_rows else '<w:trPr><w:cantSplit/></w:trPr>'
        out.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def w_document(body, *, margins=(1800, 1800)):
    left, right = margins
    sect = (f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="{right}" w:bottom="1440" '
            f'w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{"".join(body)}{sect}</w:body></w:document>'


CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RL = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def write_docx(path, document):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", CT), ("_rels/.rels", RL), ("word/document.xml", document)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def cover(lines):
    return [w_para(l, jc="center", indent=False, line=240, size=44, bold=True) for l in lines] + [w_para("", indent=False)]


def explanation_docx():
    """A final-accounts explanation in a narrow text column: the lines are short and carry no punctuation at
    their ends, words and amounts break across lines, and every line is justified at 1.5 line spacing."""
    body = cover(["某县农业农村局", "2024 年度部门决算公开说明"])
    body += [w_para("一、收入支出决算总体情况说明", indent=False, bold=True),
             w_para("2024 年度收入总计 1,310.42 万元，其中：本年收入合计 1,250.32 万元，年初结转和结余 60.10 万元。"
                    "2024 年度支出总计 1,310.42 万元，其中：本年支出合计 1,238.77 万元，年末结转和结余 71.65 万元。"),
             w_para("二、支出决算情况说明", indent=False, bold=True),
             w_para("2024 年度本年支出合计 1,238.77 万元，其中：基本支出决算 418.02 万元，占 33.7%；"
                    "项目支出决算 820.75 万元，占 66.3%。基本支出中人员经费 360.55 万元，公用经费 57.47 万元（以合同签订为准的服务预算已计入）。"),
             w_para("三、“三公”经费财政拨款支出决算情况说明", indent=False, bold=True),
             w_para("2024 年度“三公”经费财政拨款支出决算为 7.95 万元，比 2023 年度决算减少 0.65 万元。其中：因公出国（境）费 0 万元；"
                    "公务用车购置及运行费 5.45 万元；公务接待费 2.50 万元。"),
             w_para("四、机关运行经费情况说明", indent=False, bold=True),
             w_para("2024 年度机关运行经费支出 57.47 万元，比 2023 年度减少 3.12 万元。")]
    # Wide margins leave a narrow column of text, as WPS exports of some counties print it.
    return w_document(body, margins=(3400, 3400))


def tables_docx():
    body = cover(["某县农业农村局", "2024 年度部门预算"])
    body.append(w_para("一般公共预算支出表", jc="center", indent=False, bold=True, keep=True))
    body.append(w_para("单位：万元", jc="right", indent=False, keep=True))
    widths = [700, 700, 700, 2900, 1400, 1400, 1400]
    rows = [[("功能分类科目编码", 3, None, "center"), ("科目名称", 1, "restart", "center"), ("合计", 1, "restart", "center"),
             ("基本支出", 1, "restart", "center"), ("项目支出", 1, "restart", "center")],
            [("类", 1, None, "center"), ("款", 1, None, "center"), ("项", 1, None, "center"), ("", 1, "continue", "left"),
             ("", 1, "continue", "left"), ("", 1, "continue", "left"), ("", 1, "continue", "left")],
            ["", "", "", "合计", "1,180.50", "420.25", "760.25"],
            ["213", "", "", "农林水支出", "1,180.50", "420.25", "760.25"],
            ["213", "01", "", "农业农村", "1,180.50", "420.25", "760.25"],
            ["213", "01", "01", "行政运行", "420.25", "420.25", "0.00"],
            ["213", "01", "26", "农村社会事业（含以合同签订为准的农村人居环境整治服务购买项目）", "760.25", "0.00", "760.25"]]
    body.append(w_table(widths, rows, header_rows=2))
    body.append(w_para("", indent=False))
    body.append(w_para("一般公共预算基本支出表", jc="center", indent=False, bold=True, keep=True))
    body.append(w_para("单位：万元", jc="right", indent=False, keep=True))
    widths = [1300, 3300, 1600, 1600, 1600]
    econ = [("301", "工资福利支出", "330.05", "330.05", ""), ("30101", "基本工资", "120.40", "120.40", ""),
            ("30102", "津贴补贴", "95.30", "95.30", ""), ("30103", "奖金", "40.15", "40.15", ""),
            ("30108", "机关事业单位基本养老保险缴费", "38.20", "38.20", ""), ("30112", "其他社会保障缴费", "6.00", "6.00", ""),
            ("30113", "住房公积金", "30.00", "30.00", ""), ("302", "商品和服务支出", "60.20", "", "60.20"),
            ("30201", "办公费", "12.00", "", "12.00"), ("30205", "水费", "2.10", "", "2.10"), ("30206", "电费", "6.30", "", "6.30"),
            ("30211", "差旅费", "8.00", "", "8.00"), ("30215", "会议费", "1.50", "", "1.50"), ("30216", "培训费", "2.00", "", "2.00"),
            ("30217", "公务接待费", "2.50", "", "2.50"), ("30228", "工会经费", "4.20", "", "4.20"),
            ("30229", "福利费", "3.50", "", "3.50"), ("30231", "公务用车运行维护费", "6.10", "", "6.10"),
            ("30239", "其他交通费用", "12.00", "", "12.00"), ("303", "对个人和家庭的补助", "30.00", "30.00", ""),
            ("30302", "退休费", "24.00", "24.00", ""), ("30305", "生活补助", "6.00", "6.00", "")]
    rows = [[("经济分类科目", 2, None, "center"), ("合计", 1, "restart", "center"), ("人员经费", 1, "restart", "center"),
             ("公用经费", 1, "restart", "center")],
            [("科目编码", 1, None, "center"), ("科目名称", 1, None, "center"), ("", 1, "continue", "left"), ("", 1, "continue", "left"),
             ("", 1, "continue", "left")],
            ["", "合计", "420.25", "360.05", "60.20"]]
    # Enough rows that the table goes on over the next page, its two header rows repeated there.
    for k in range(3):
        rows += [[c, n + ("（" + "第二类" + "）" if k == 1 else "（第三类）" if k == 2 else ""), a, b, d] for c, n, a, b, d in econ] if k else \
                [[c, n, a, b, d] for c, n, a, b, d in econ]
    body.append(w_table(widths, rows, header_rows=2))
    body.append(w_para("", indent=False))
    body.append(w_para("一般公共预算“三公”经费支出表", jc="center", indent=False, bold=True, keep=True))
    body.append(w_para("单位：万元", jc="right", indent=False, keep=True))
    widths = [1400, 1500, 1400, 1500, 1500, 1500]
    rows = [[("合计", 1, "restart", "center"), ("因公出国（境）费", 1, "restart", "center"), ("公务用车购置及运行费", 3, None, "center"),
             ("公务接待费", 1, "restart", "center")],
            [("", 1, "continue", "left"), ("", 1, "continue", "left"), ("小计", 1, None, "center"), ("公务用车购置费", 1, None, "center"),
             ("公务用车运行费", 1, None, "center"), ("", 1, "continue", "left")],
            ["8.60", "0.00", "6.10", "0.00", "6.10", "2.50"]]
    body.append(w_table(widths, rows, header_rows=2))
    return w_document(body)


def office_pdfs():
    for name, doc in [("lo-explanation", explanation_docx()), ("lo-tables", tables_docx())]:
        office_pdf(name, doc, OUT)


# ---------------------------------------------------------------- titles set over several lines (completeness)
# A statement of a department's 三公 expenses alone, its title broken over two or three lines (the department's
# name, the year, "“三公”经费…说明"; a blank line between; 三公 above the year), and whole disclosures whose titles
# are broken too (…部门预算 / 及“三公”经费…; a body heading "三、“三公”经费…" after the title): each as text, as
# .docx paragraphs and as the PDF LibreOffice makes of it (Tests/YusuanAnalyseTests/Fixtures/titles/).
TITLES = os.path.join(ROOT, "Tests/YusuanAnalyseTests/Fixtures/titles")
THREE_PUBLIC_BODY = [
    "{year}年度一般公共预算财政拨款“三公”经费支出{kind}为6.30万元，比上年减少0.50万元。",
    "其中：因公出国（境）费0万元；公务用车购置及运行维护费4.10万元，其中公务用车购置费0万元，公务用车运行维护费4.10万元；公务接待费2.20万元。",
    "减少的主要原因是压减一般性支出，严控公务接待次数和规模。",
]
WHOLE_BODY = [
    "一、部门职责", "负责全县统计调查、数据发布和统计执法检查工作。",
    "二、收支预算总体情况", "2023年收入预算合计310.00万元，支出预算合计310.00万元。",
    "三、“三公”经费预算情况说明", "2023年“三公”经费预算5.00万元，其中公务接待费1.00万元，公务用车运行维护费4.00万元。",
]
TITLE_DOCS = {
    "three-public-3-lines": (["某县水务服务中心", "2022年度一般公共预算财政拨款", "“三公”经费决算情况说明"],
                             [l.format(year=2022, kind="决算") for l in THREE_PUBLIC_BODY]),
    "three-public-2-lines-blank": (["某县档案馆2023年一般公共预算财政拨款", "", "“三公”经费预算情况说明"],
                                   [l.format(year=2023, kind="预算") for l in THREE_PUBLIC_BODY]),
    "three-public-above-year": (["某县文化馆财政拨款“三公”经费", "2021年度决算情况说明"],
                                [l.format(year=2021, kind="决算") for l in THREE_PUBLIC_BODY]),
    "whole-and-three-public": (["某县统计局2023年部门预算", "及“三公”经费预算情况说明"], WHOLE_BODY),
    "whole-heading-below": (["某县统计局", "2023年部门预算", ""], WHOLE_BODY[4:] + WHOLE_BODY[:4]),
}


def title_docs():
    os.makedirs(TITLES, exist_ok=True)
    for name, (title, body) in TITLE_DOCS.items():
        with open(os.path.join(TITLES, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(title + body) + "\n")
        paras = [w_para(l, jc="center", indent=False, line=240, size=36, bold=True) for l in title]
        paras += [w_para(l, indent=not l.startswith(("一、", "二、", "三、"))) for l in body]
        office_pdf(name, w_document(paras), TITLES)


def office_pdf(name, document, out):
    """`name`.docx and the PDF LibreOffice makes of it, in `out`."""
    docx = os.path.join(out, name + ".docx")
    write_docx(docx, document)
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile", "--convert-to", "pdf", "--outdir", d, docx],
                       check=True, stdout=subprocess.DEVNULL)
        data = open(os.path.join(d, name + ".pdf"), "rb").read()
    # LibreOffice stamps the time and a random document id; pin them so the fixture is reproducible.
    data = re.sub(rb"/CreationDate\(D:[^)]*\)", b"/CreationDate(D:20240101000000Z)", data)
    data = re.sub(rb"/ID \[ <[0-9A-F]+>\s*<[0-9A-F]+> \]", b"/ID [ <00000000000000000000000000000000> <00000000000000000000000000000000> ]", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    open(os.path.join(out, name + ".pdf"), "wb").write(data)
    print("wrote", name + ".docx", name + ".pdf")


if __name__ == "__main__":
    # `titles`: only the documents with titles over several lines.
    if sys.argv[1:] != ["titles"]:
        seed_pdf(os.path.join(OUT, "seed-cid.pdf"))
        print("wrote seed-cid.pdf")
        office_pdfs()
    title_docs()
