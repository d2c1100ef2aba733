#!/usr/bin/env python3
"""Makes the format fixtures of the ingest tests from the seed disclosure (and a few documents of our own).
Writes Tests/YusuanIngestTests/Fixtures/. Deterministic: fixed timestamps in zips, no randomness.
Run: python3 scripts/make-fixtures.py   (needs openpyxl for the .xlsx; rsvg-convert for the PDF)"""
import html, io, os, re, subprocess, sys, tempfile, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEED = os.path.join(ROOT, "datasets/guangyang/2021/organization-department.budget.txt")
OUT = os.path.join(ROOT, "Tests/YusuanIngestTests/Fixtures")
os.makedirs(OUT, exist_ok=True)

from seedblocks import blocks, clean, looks_like_heading

seed_lines = open(SEED, encoding="utf-8").read().split("\n")
seed_blocks = blocks(seed_lines)

# ---------------------------------------------------------------- .docx
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable=""'

def run(t): return f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'

def para(text, extra=""):
    parts = text.split("\n")
    inner = "".join((run(p) if i == 0 else '<w:r><w:br/></w:r>' + run(p)) for i, p in enumerate(parts))
    return f"<w:p>{inner}{extra}</w:p>"

def docx_xml(bl):
    body = []
    for n, (kind, v) in enumerate(bl):
        if kind == "p":
            text = clean(v)
            if text.startswith("2021年部门预算信息公开情况说明"):
                # A field code (instruction dropped, result kept) and mc:AlternateContent (read once).
                body.append('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TC "目录项" \\f C </w:instrText></w:r>'
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(text) + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
            elif "其中基本支出373.01万元" in text:
                # A tracked deletion that must not be read, and a tracked insertion that must.
                i = text.index("其中基本支出")
                body.append('<w:p>' + run(text[:i]) + '<w:del w:id="1" w:author="x"><w:r><w:delText>其中基本支出999.99万元，</w:delText></w:r></w:del>'
                            '<w:ins w:id="2" w:author="x">' + run(text[i:i + 6]) + '</w:ins>' + run(text[i + 6:]) + '</w:p>')
            elif text.startswith("2021年，我局机关运行经费"):
                body.append('<mc:AlternateContent><mc:Choice Requires="w14">' + para(text) + '</mc:Choice><mc:Fallback>' + para(text) + '</mc:Fallback></mc:AlternateContent>')
            else:
                body.append(para(text))
        else:
            width = max(len(r) for r in v)
            rows = []
            for r in v:
                tcs = []
                for j, c in enumerate(r):
                    props = ""
                    if j == len(r) - 1 and len(r) < width:
                        props = f'<w:tcPr><w:gridSpan w:val="{width - len(r) + 1}"/></w:tcPr>'
                    elif c == "" and j < 2 and rows:
                        props = '<w:tcPr><w:vMerge/></w:tcPr>'      # continuation of the cell above
                    tcs.append(f"<w:tc>{props}{para(clean(c))}</w:tc>")
                rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
            grid = "<w:tblGrid>" + "<w:gridCol/>" * width + "</w:tblGrid>"
            body.append("<w:tbl>" + grid + "".join(rows) + "</w:tbl>")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + "".join(body) + "<w:sectPr/></w:body></w:document>"

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''

def write_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

write_zip(os.path.join(OUT, "seed.docx"), [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", docx_xml(seed_blocks))])

# ---------------------------------------------------------------- .html (GB18030, charset in a meta tag)
def html_doc(bl, charset):
    parts = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>部门预算公开</title>'
             '<script>var tracker = "预算收入1万元";</script><style>p{margin:0}</style></head><body>'
             '<nav><a href="/">首页</a> &gt; <a href="#">预算公开</a> 支出预算99万元</nav><div class="content">']
    for kind, v in bl:
        if kind == "p":
            parts.append(f"<p>{html.escape(clean(v))}</p>")
        else:
            parts.append("<table border=1>")
            for r in v:
                parts.append("<tr>" + "".join("<td>" + "<br>".join(html.escape(x) for x in clean(c).split("\n")) + "</td>" for c in r) + "</tr>")
            parts.append("</table>")
    parts.append('</div><footer>版权所有 © 某区人民政府 支出预算88万元</footer></body></html>')
    return "\n".join(parts)

open(os.path.join(OUT, "seed-gb18030.html"), "wb").write(html_doc(seed_blocks, "gb2312").encode("gb18030"))

# ---------------------------------------------------------------- .xlsx of standard tables (our own numbers)
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "部门收支总表"
ws.append(["某县农业农村局2023年部门收支总表"]); ws.merge_cells("A1:D1")
ws.append(["单位：万元"])
ws.append(["收入", None, "支出", None]); ws.merge_cells("A3:B3"); ws.merge_cells("C3:D3")
ws.append(["项目", "预算数", "项目", "预算数"])
ws.append(["一、一般公共预算拨款收入", 1180.5, "一、农林水支出", 1250.5])
ws.append(["二、政府性基金预算拨款收入", 70, "二、社会保障和就业支出", 0])
ws.append(["收入总计", 1250.5, "支出总计", 1250.5])
ws1 = wb.create_sheet("部门支出总表")
ws1.append(["某县农业农村局2023年部门支出总表"])
ws1.append(["单位：万元"])
ws1.append(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
ws1.append([None, "合计", 1250.5, 420.25, 830.25])
ws1.append(["213", "农林水支出", 1250.5, 420.25, 830.25])
ws2 = wb.create_sheet("一般公共预算支出表")
ws2.append(["某县农业农村局2023年一般公共预算支出表"])
ws2.append(["单位：万元"])
ws2.append(["功能分类科目编码", None, None, "科目名称", "合计", "基本支出", "项目支出"]); ws2.merge_cells("A3:C3")
ws2.append(["类", "款", "项", None, None, None, None])
ws2.append([None, None, None, "合计", 1180.5, 420.25, 760.25])
ws2.append(["213", None, None, "农林水支出", 1180.5, 420.25, 760.25])
ws2.append(["213", "01", None, "农业农村", 1180.5, 420.25, 760.25])
ws2.append(["213", "01", "01", "行政运行", 420.25, 420.25, 0])
ws2.append(["213", "01", "26", "农村社会事业", 760.25, 0, 760.25])
ws3 = wb.create_sheet("一般公共预算基本支出表")
ws3.append(["某县农业农村局2023年一般公共预算基本支出表"])
ws3.append(["单位：万元"])
ws3.append(["经济分类科目", "合计", "人员经费", "公用经费"])
ws3.append(["合计", 420.25, 360.05, 60.2])
ws4 = wb.create_sheet("三公经费支出表")
ws4.append(["某县农业农村局2023年一般公共预算“三公”经费支出表"])
ws4.append(["单位：万元"])
ws4.append(["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"]); ws4.merge_cells("C3:E3")
ws4.append([None, None, "小计", "公务用车购置费", "公务用车运行费", None])
ws4.append([8.6, 0, 6.1, 0, 6.1, 2.5])
for w in wb.worksheets:
    for row in w.iter_rows():
        for c in row:
            if isinstance(c.value, str): c.data_type = "s"
buf = io.BytesIO(); wb.save(buf)
# Re-pack with fixed timestamps so the file is byte-for-byte reproducible.
zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
files = [(i.filename, zin.read(i.filename).replace(b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">", b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">")) for i in zin.infolist()]
import re
files = [(n, re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>", rb"<dcterms:\1\2>2023-01-01T00:00:00Z</dcterms:\1>", d)) for n, d in files]
write_zip(os.path.join(OUT, "standard-tables.xlsx"), files)

# ---------------------------------------------------------------- traditional characters, 元, final accounts (text)
open(os.path.join(OUT, "traditional.txt"), "w", encoding="utf-8").write(
    "某縣農業農村局\n2023年部門預算公開說明\n"
    "2023年收入預算12,505,300.00元，其中：一般公共預算撥款收入12,505,300.00元。\n"
    "2023年支出預算12,505,300.00元，其中基本支出4,202,500.00元，包括人員經費3,600,500.00元和公用經費602,000.00元；項目支出8,302,800.00元。\n"
    "2023年“三公”經費預算86,000.00元，比上年減少4,000.00元。\n")
open(os.path.join(OUT, "final-accounts.txt"), "w", encoding="utf-8").write(
    "某县农业农村局\n2022年度部门决算公开说明\n"
    "一、收入支出决算总体情况说明\n"
    "2022年度收入总计1,310.42万元，其中：本年收入合计1,250.32万元，年初结转和结余60.10万元。"
    "2022年度支出总计1,310.42万元，其中：本年支出合计1,238.77万元，年末结转和结余71.65万元。\n"
    "二、支出决算情况说明\n"
    "2022年度支出决算1,238.77万元，完成预算的96.8%，其中：基本支出决算418.02万元，项目支出决算820.75万元。\n"
    "三、“三公”经费财政拨款支出决算情况说明\n"
    "2022年度“三公”经费财政拨款支出决算为7.95万元，完成预算的92.4%，比上年决算减少0.65万元，下降7.6%。\n")

# ---------------------------------------------------------------- PDF: the seed's first part as SVG pages, rendered by rsvg-convert
def svg_page(lines):
    y = 40; out = ['<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" font-family="Noto Sans CJK SC" font-size="9"><rect width="100%" height="100%" fill="#fff"/>']
    for l in lines:
        if isinstance(l, list):
            x = 40
            for c in l:
                out.append(f'<text x="{x}" y="{y}">{escape(c)}</text>'); x += 110
        else:
            out.append(f'<text x="40" y="{y}">{escape(l)}</text>')
        y += 14
    out.append("</svg>")
    return "\n".join(out)

page1 = ["中国共产党廊坊市广阳区委员会组织部", "2021年部门预算信息公开情况说明", "二、部门预算安排的总体情况",
         "2021年预算收入9250.53万元，其中：一般公共预算收入9250.53万元，基金预算收入0万元，",
         "财政专户核拨收入0万元，其他来源收入0万元，上年结转0万元。",
         "2021年支出预算9250.53万元，其中基本支出373.01万元，包括人员类经费339.54万元和",
         "运转类公用经费33.47万元；运转类其他及特定目标类项目支出8877.52万元。",
         "2021年预算收支安排9250.53万元，较2020年预算增加2298.19万元，其中：基本支出减少901.2",
         "万元；项目支出增加3199.48万元。"]
page2 = ["三、机关运行经费安排情况", "2021年，我局机关运行经费共计安排33.47万元。",
         "四、财政拨款“三公”经费预算情况", "2021年，我局财政拨款“三公”经费预算安排2.19万元。其中，因公出国（境）费0万元；",
         "公务用车购置及运维费2.19万元；公务接待费0万元。",
         "七、国有资产信息", "固定资产占用情况表", ["项目", "数量", "价值（万元）"], ["资产总额", "——", "1714.56"],
         ["车辆", "5", "101.55"], ["单价在20万元以上的设备", "13", "733.03"], ["其他固定资产", "1525", "879.98"]]
with tempfile.TemporaryDirectory() as d:
    paths = []
    for i, pg in enumerate([page1, page2]):
        p = os.path.join(d, f"p{i}.svg"); open(p, "w", encoding="utf-8").write(svg_page(pg)); paths.append(p)
    subprocess.run(["rsvg-convert", "-f", "pdf", "-o", os.path.join(OUT, "seed-part.pdf")] + paths, check=True)
    # rsvg-convert stamps a creation date; pin it so the fixture is reproducible.
    data = open(os.path.join(OUT, "seed-part.pdf"), "rb").read()
    data = re.sub(rb"/CreationDate \(D:[0-9+\-']+\)", b"/CreationDate (D:20210101000000Z)", data)
    open(os.path.join(OUT, "seed-part.pdf"), "wb").write(data)

# ---------------------------------------------------------------- hostile containers
# A zip bomb: document.xml declares little and expands to 96 MB (past the 64 MB cap on what is read).
with zipfile.ZipFile(os.path.join(OUT, "bomb.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]:
        info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED; z.writestr(info, data)
    info = zipfile.ZipInfo("word/document.xml", date_time=(2021, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w") as f:
        f.write(b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>')
        chunk = b"0" * (1 << 20)
        for _ in range(96): f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")
# An entity bomb ("billion laughs") in document.xml.
lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' + \
      ''.join(f'<!ENTITY lol{i} "' + f"&lol{i-1};" * 10 + '">' for i in range(3, 10)) + ']><w:document ' + W + '><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
write_zip(os.path.join(OUT, "entity-bomb.docx"), [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", lol)])

# ---------------------------------------------------------------- the whole seed as a PDF
# Paragraphs wrapped at 46 characters (numbers may break across lines, as in real PDFs); table rows as columns,
# each cell cut to its column. 60 lines a page.
def wrap(text, width=46):
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]

pdf_lines = []
for kind, v in seed_blocks:
    if kind == "p":
        pdf_lines += wrap(clean(v))
    else:
        narrow = max(len(r) for r in v) <= 4
        for r in v:
            cells = [clean(c).replace("\n", "")[:(14 if narrow else 9)] for c in r]
            if any(cells): pdf_lines.append(cells)
        pdf_lines.append("")
pages = [pdf_lines[i:i + 60] for i in range(0, len(pdf_lines), 60)]
with tempfile.TemporaryDirectory() as d:
    paths = []
    for i, pg in enumerate(pages):
        p = os.path.join(d, f"p{i:03d}.svg")
        out = ['<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" font-family="Noto Sans CJK SC" font-size="10"><rect width="100%" height="100%" fill="#fff"/>']
        y = 30
        for l in pg:
            if isinstance(l, list):
                step = 160 if len(l) <= 4 else 110
                for j, c in enumerate(l[:5]):
                    out.append(f'<text x="{30 + j * step}" y="{y}">{escape(c)}</text>')
            elif l:
                out.append(f'<text x="30" y="{y}">{escape(l)}</text>')
            y += 13
        out.append("</svg>")
        open(p, "w", encoding="utf-8").write("\n".join(out)); paths.append(p)
    subprocess.run(["rsvg-convert", "-f", "pdf", "-o", os.path.join(OUT, "seed.pdf")] + paths, check=True)

print("wrote", sorted(os.listdir(OUT)))
