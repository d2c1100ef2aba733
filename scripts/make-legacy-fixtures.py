#!/usr/bin/env python3
"""Makes the legacy-format fixtures of the ingest tests: a budget explanation of our own (fictitious department,
made-up figures) as .docx, converted to Word 97-2003 .doc, and the standard-tables workbook (.xlsx, made by
make-fixtures.py) converted to Excel 97-2003 .xls, both with LibreOffice headless.
LibreOffice is only for making fixtures, not a yusuan dependency: apt-get install libreoffice-writer-nogui
libreoffice-calc-nogui. Run: python3 scripts/make-legacy-fixtures.py"""
import os, re, shutil, subprocess, sys, tempfile, zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests/YusuanIngestTests/Fixtures")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

def run(t): return f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
def para(*runs): return "<w:p>" + "".join(r if r.startswith("<") else run(r) for r in runs) + "</w:p>"
def field(instruction, result):
    """A complex field: the instruction is not text, the result is."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(result) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
def deleted(text):
    return f'<w:del w:id="1" w:author="fixture" w:date="2023-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
def cell(text, props=""):
    return f"<w:tc><w:tcPr>{props}</w:tcPr>" + "".join(para(p) for p in text.split("\n")) + "</w:tc>"
def table(rows, width):
    return ("<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid>" + "<w:gridCol w:w=\"1400\"/>" * width + "</w:tblGrid>"
            + "".join("<w:tr>" + "".join(cell(*c) if isinstance(c, tuple) else cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>")

SPAN3 = '<w:gridSpan w:val="3"/>'
body = [
    para("某县水务局"),
    para("2023年部门预算信息公开情况说明"),
    para("一、部门主要职责"),
    # A tracked deletion holding an amount: not text in either format.
    para("负责全县水资源管理、供水排水和防汛抗旱等工作", deleted("（预算999.99万元）"), "（虚构的示例部门）。"),
    para("二、收支预算总体情况"),
    para("2023年收入预算1250.50万元，其中：一般公共预算拨款收入1180.50万元，政府性基金预算拨款收入70.00万元。"),
    para("2023年支出预算1250.50万元，其中基本支出860.30万元，包括人员经费720.10万元和公用经费140.20万元；项目支出390.20万元。"),
    para("三、比上年增减情况"),
    para("2023年支出预算比上年减少35.60万元，下降2.8%。其中：基本支出增加12.40万元，项目支出减少48.00万元。"),
    para("四、机关运行经费"),
    # The hyperlink's instruction holds an amount that must not be read; its result (附表) is text.
    para("2023年机关运行经费预算140.20万元（详见", field(' HYPERLINK "http://example.org/1999万元" ', "附表"), "）。"),
    para("五、“三公”经费预算情况"),
    para("2023年“三公”经费预算12.60万元，其中：因公出国（境）费0.00万元，公务用车购置及运行维护费8.40万元"
         "（其中：公务用车购置费0.00万元，公务用车运行维护费8.40万元），公务接待费4.20万元。"),
    para("“三公”经费预算表"),
    table([
        ["合计", "因公出国（境）费", ("公务用车购置及运行费", SPAN3), "公务接待费"],
        [("", "<w:vMerge/>"), ("", "<w:vMerge/>"), "小计", "购置费", "运行费", ("", "<w:vMerge/>")],
        ["12.60", "0.00", "8.40", "0.00", "8.40", "4.20"],
    ], 6),
    para("六、政府采购预算情况"),
    para("2023年政府采购预算26.00万元。"),
    para("部门政府采购预算表"),
    table([
        ["采购项目名称", "品目编码", "计量单位", "数量", "单价", "金额"],
        ["台式\n计算机", "A02010104", "台", "20", "0.50", "10.00"],
        ["办公家具", "A06010000", "套", "40", "0.40", "16.00"],
    ], 6),
    para("七、国有资产占用情况"),
    para("截至2022年12月31日，本部门共有车辆2辆，其中一般公务用车2辆；单价50万元以上通用设备0台（套）。"),
]
document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + "".join(body)
            + "<w:sectPr/></w:body></w:document>")
def write_docx(path, xml):
    """The package parts ([Content_Types].xml, _rels/.rels) are those of make-fixtures.py's seed.docx."""
    with zipfile.ZipFile(os.path.join(OUT, "seed.docx")) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]:
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0)); info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml if name == "word/document.xml" else seed.read(name))

write_docx(os.path.join(OUT, "explanation.docx"), document)

def convert(src, target, filter_name, out_name):
    """soffice --headless --convert-to, in a private profile so it runs beside a desktop LibreOffice."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", f"{target}:{filter_name}",
                        "--outdir", tmp, os.path.join(OUT, src)], check=True, stdout=subprocess.DEVNULL)
        made = os.path.join(tmp, os.path.splitext(src)[0] + "." + target)
        shutil.move(made, os.path.join(OUT, out_name))

if not shutil.which("soffice"):
    sys.exit("soffice not found: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
convert("explanation.docx", "doc", "MS Word 97", "explanation.doc")
convert("standard-tables.xlsx", "xls", "MS Excel 97", "standard-tables.xls")

# A scan of our own: page 1 of the explanation as a PDF, rendered at 300 dpi and put back into a PDF as a 1-bit
# image only (no text layer), for the --ocr test. Needs Pillow.
from PIL import Image
with tempfile.TemporaryDirectory() as tmp:
    # LibreOffice prints tracked deletions struck through: the page is rendered from the text without them.
    write_docx(os.path.join(tmp, "explanation.docx"), re.sub(r"<w:del .*?</w:del>", "", document))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                    os.path.join(tmp, "explanation.docx")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", os.path.join(tmp, "explanation.pdf"), os.path.join(tmp, "page")], check=True)
    Image.open(os.path.join(tmp, "page-1.png")).convert("1").save(os.path.join(OUT, "explanation-scan.pdf"), resolution=300.0)

# The explanation's paragraphs in a PDF whose Chinese font is not embedded: STSong-Light, an Adobe-GB1 CID font
# with the UniGB-UCS2-H CMap, as generated government PDFs have it. pdftotext reads it only with poppler-data.
import html
texts = [html.unescape("".join(re.findall(r'<w:t xml:space="preserve">(.*?)</w:t>', p))) for p in body if p.startswith("<w:p>")]
content = "BT /F1 6 Tf 30 800 Td 9 TL\n" + "".join(f"<{t.encode('utf-16-be').hex().upper()}> Tj T*\n" for t in texts) + "ET"
objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]
pdf, offsets = b"%PDF-1.4\n", []
for i, o in enumerate(objects):
    offsets.append(len(pdf)); pdf += f"{i + 1} 0 obj\n{o}\nendobj\n".encode("ascii")
xref = len(pdf)
pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
open(os.path.join(OUT, "explanation-stsong.pdf"), "wb").write(pdf)
