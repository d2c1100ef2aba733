#!/usr/bin/env python3
"""The 三公 table in every format a department publishes it in, from documents of our own.

usage: scripts/make-table-fixtures.py OUT_DIR

Two small disclosures of a made-up unit (某县档案馆), each written as .txt (the "|" shape of web pages), .docx
(python-docx) and .xlsx (openpyxl), then turned by LibreOffice headless into the .pdf, .doc and .xls that real
exporters make:
  three-public-final:  final accounts, the 三公 table in its row form with 预算数 and 决算数 columns,
                       vertically centred cells, then the explanation in prose;
  three-public-budget: a budget, the 三公 table in its column form with the vehicles column split by a
                       merged second header level.
  performance-over-pages: a budget whose 项目支出绩效目标表 lists two projects in a 项目名称 column and goes on
                       over a page break with its header repeated (a repeated header row in the .docx, so the
                       PDF repeats it on the next page; page furniture and the header again in the text).
Tests/YusuanIngestTests/TableFormatTests.swift checks that every format gives the same figures.
Needs: pip install python-docx openpyxl; apt-get install libreoffice-writer-nogui libreoffice-calc-nogui.
"""
import os, shutil, subprocess, sys, tempfile

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment

UNIT = "某县档案馆"

FINAL_ROWS = [  # label, 预算数, 决算数 ("" = a blank cell, not stated)
    ("合计", "36.00", "27.45"),
    ("因公出国（境）费", "6.00", ""),
    ("公务接待费", "8.00", "5.20"),
    ("公务用车购置及运行维护费", "22.00", "22.25"),
    ("其中：公务用车运行维护费", "12.00", "12.25"),
    ("      公务用车购置费", "10.00", "10.00"),
]
FINAL_PROSE = [
    "二、“三公”经费支出决算情况说明",
    f"{UNIT}2023年度一般公共预算财政拨款“三公”经费支出预算为36.00万元，支出决算为27.45万元，完成预算的76.25%。"
    "其中：公务接待费支出决算5.20万元，公务用车购置及运行维护费支出决算22.25万元。",
]
BUDGET_HEADER = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]
BUDGET_SUB = ["小计", "购置费", "运行费"]
BUDGET_VALUES = ["18.50", "3.00", "12.00", "4.00", "8.00", "3.50"]


def final_text():
    lines = [f"{UNIT}2023年度部门决算", "一、2023年度一般公共预算财政拨款“三公”经费支出决算表", "单位：万元",
             "项 目 | 预 算 数 | 决 算 数 |"]
    lines += [f"{l.strip()} | {b} | {f} |" for l, b, f in FINAL_ROWS]
    return "\n".join(lines + FINAL_PROSE) + "\n"


def budget_text():
    lines = [f"{UNIT}2024年部门预算", f"{UNIT}2024年“三公”经费预算表 | |||||", "| | | | 单位：万元 | ||",
             " | ".join(BUDGET_HEADER) + " | ||", " | ".join(BUDGET_SUB) + " | |||", " | ".join(BUDGET_VALUES) + " |"]
    return "\n".join(lines) + "\n"


def final_docx(path):
    d = Document()
    d.add_paragraph(f"{UNIT}2023年度部门决算")
    d.add_paragraph("一、2023年度一般公共预算财政拨款“三公”经费支出决算表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=1 + len(FINAL_ROWS), cols=3)
    t.style = "Table Grid"
    for i, row in enumerate([("项目", "预算数", "决算数")] + FINAL_ROWS):
        for j, v in enumerate(row):
            cell = t.cell(i, j)
            cell.text = v
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if i > 0 and j == 0 and len(v.strip()) > 10:
                cell.width = Pt(90)  # narrow: the label wraps inside its cell in the PDF
    for p in FINAL_PROSE:
        para = d.add_paragraph(p)
        para.paragraph_format.line_spacing = 1.5
    d.save(path)


def budget_docx(path):
    d = Document()
    d.add_paragraph(f"{UNIT}2024年部门预算")
    d.add_paragraph(f"{UNIT}2024年“三公”经费预算表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=6)
    t.style = "Table Grid"
    # Row 1: 合计, 因公出国 and 公务接待 span two rows; 公务用车 spans three columns.
    a = t.cell(0, 0).merge(t.cell(1, 0)); a.text = BUDGET_HEADER[0]
    b = t.cell(0, 1).merge(t.cell(1, 1)); b.text = BUDGET_HEADER[1]
    c = t.cell(0, 2).merge(t.cell(0, 4)); c.text = BUDGET_HEADER[2]
    e = t.cell(0, 5).merge(t.cell(1, 5)); e.text = BUDGET_HEADER[3]
    for j, v in enumerate(BUDGET_SUB):
        t.cell(1, 2 + j).text = v
    for j, v in enumerate(BUDGET_VALUES):
        t.cell(2, j).text = v
    for row in t.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    d.save(path)


def final_xlsx(path):
    wb = Workbook(); ws = wb.active; ws.title = "三公经费支出决算表"
    ws.append([f"{UNIT}2023年度一般公共预算财政拨款“三公”经费支出决算表"]); ws.merge_cells("A1:C1")
    ws.append(["单位：万元"])
    ws.append(["项目", "预算数", "决算数"])
    for l, b, f in FINAL_ROWS:
        ws.append([l.strip(), float(b) if b else None, float(f) if f else None])
    wb.save(path)


def budget_xlsx(path):
    wb = Workbook(); ws = wb.active; ws.title = "三公经费预算表"
    ws.append([f"{UNIT}2024年“三公”经费预算表"]); ws.merge_cells("A1:F1")
    ws.append(["单位：万元"])
    ws.append([BUDGET_HEADER[0], BUDGET_HEADER[1], BUDGET_HEADER[2], None, None, BUDGET_HEADER[3]])
    ws.append([None, None] + BUDGET_SUB + [None])
    for rng in ("A3:A4", "B3:B4", "C3:E3", "F3:F4"):
        ws.merge_cells(rng)
    ws.append([float(v) for v in BUDGET_VALUES])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    wb.save(path)


PERF_HEADER = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
PERF_PROJECTS = {
    "档案数字化加工": [("产出指标", "数量指标", "数字化档案页数", "≥120000页"), ("产出指标", "数量指标", "整理档案卷数", "≥3000卷"),
                 ("产出指标", "质量指标", "图像合格率", "≥98%"), ("产出指标", "质量指标", "著录准确率", "≥99%"),
                 ("产出指标", "时效指标", "完成时间", "2024年11月底前"), ("产出指标", "成本指标", "每页加工成本", "≤0.8元"),
                 ("效益指标", "社会效益指标", "查档利用人次", "≥5000人次"), ("效益指标", "可持续影响指标", "档案保存年限", "≥30年"),
                 ("满意度指标", "服务对象满意度指标", "查档群众满意度", "≥95%")],
    "档案库房安全运维": [("产出指标", "数量指标", "巡检次数", "≥365次"), ("产出指标", "数量指标", "维护设备台数", "≥40台"),
                  ("产出指标", "质量指标", "设备完好率", "≥97%"), ("产出指标", "时效指标", "故障响应时间", "≤2小时"),
                  ("产出指标", "成本指标", "运维费用", "≤18万元"), ("效益指标", "社会效益指标", "安全事故次数", "0次"),
                  ("效益指标", "可持续影响指标", "库房温湿度达标率", "≥95%"),
                  ("满意度指标", "服务对象满意度指标", "馆内职工满意度", "≥90%")],
}
PERF_INTRO = [f"{UNIT}2024年部门预算", "一、部门职责", "（一）主要职能"] + [
    f"{i}. 负责本县档案的收集、整理、保管和利用工作，指导全县机关、团体、企业事业单位的档案工作。" for i in range(1, 35)
] + ["二、项目支出绩效目标情况", "2024年实行绩效目标管理的项目2个，涉及项目预算资金56.00万元。", "项目支出绩效目标表", "单位：万元"]


def perf_rows():
    for project, rows in PERF_PROJECTS.items():
        for i, r in enumerate(rows):
            yield (project if i == 0 else "",) + r


def perf_text():
    rows = list(perf_rows())
    row = lambda cells: "| " + " | ".join(cells) + " |"   # a web page's rows: a border each side, "| |" empty
    lines = PERF_INTRO + [row(PERF_HEADER)] + [row(r) for r in rows[:11]]
    lines += ["- 2 -", "项目支出绩效目标表（续）", row(PERF_HEADER)] + [row(r) for r in rows[11:]]
    return "\n".join(lines) + "\n"


def perf_docx(path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    d = Document()
    for p in PERF_INTRO:
        d.add_paragraph(p).paragraph_format.line_spacing = 1.5
    rows = list(perf_rows())
    t = d.add_table(rows=1 + len(rows), cols=len(PERF_HEADER))
    t.style = "Table Grid"
    for i, row in enumerate([tuple(PERF_HEADER)] + rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
            t.cell(i, j).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # The header row repeats on every page the table runs over (Word's "重复标题行").
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader"); header.set(qn("w:val"), "true"); tr_pr.append(header)
    d.save(path)


def perf_xlsx(path):
    wb = Workbook(); ws = wb.active; ws.title = "项目支出绩效目标表"
    ws.append([f"{UNIT}2024年项目支出绩效目标表"]); ws.merge_cells("A1:E1")
    ws.append(["单位：万元"])
    ws.append(PERF_HEADER)
    for r in perf_rows():
        ws.append([v if v else None for v in r])
    wb.save(path)


def convert(src, fmt, out_dir, profile):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", out_dir, src], check=True, capture_output=True, timeout=180)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/YusuanIngestTests/Fixtures/tables"
    os.makedirs(out, exist_ok=True)
    for name, text, docx, xlsx in (("three-public-final", final_text, final_docx, final_xlsx),
                                   ("three-public-budget", budget_text, budget_docx, budget_xlsx),
                                   ("performance-over-pages", perf_text, perf_docx, perf_xlsx)):
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text())
        docx(os.path.join(out, name + ".docx"))
        xlsx(os.path.join(out, name + ".xlsx"))
        if shutil.which("soffice"):
            with tempfile.TemporaryDirectory() as profile:
                convert(os.path.join(out, name + ".docx"), "pdf", out, profile)
                convert(os.path.join(out, name + ".docx"), "doc", out, profile)
                convert(os.path.join(out, name + ".xlsx"), "xls", out, profile)
        else:
            print("soffice not found: no .pdf/.doc/.xls (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)", file=sys.stderr)


if __name__ == "__main__":
    main()
