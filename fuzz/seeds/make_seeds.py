#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/ (standard library
only): CSV files of the four import formats, hand-made XLSX workbooks (shared strings, inline
strings, numbers, a date cell, a second sheet), GIFT and Moodle XML banks from content/ and the
tests, and answer forms. Run from fuzz/: python3 seeds/make_seeds.py"""
import os

import zipfile
import io

HERE = os.path.dirname(os.path.abspath(__file__))
FUZZ = os.path.dirname(HERE)
ROOT = os.path.dirname(FUZZ)


def put(target, name, data):
    d = os.path.join(FUZZ, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


CSV = {
    "units.csv": "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-NV,Sở Nội vụ,tinh,\nXA-A,Xã An Bình,xa,SO-NV\n",
    "roster_semicolon_bom.csv": "\ufeffMã cán bộ;Họ và tên;Mã đơn vị;Loại;Ngày bắt đầu;Ngày kết thúc;CCCD;Email;Số điện thoại\n"
    "CB01;Nguyễn Văn An;SO-NV;Công chức;01/01/2025;;001099012345;an@example.gov.vn;0912345678\n"
    "CB02;\"Trần; Thị Bình\";XA-A;can_bo;2025-02-01;31/12/2025;;;+84 912 345 678\n",
    "roster_crlf_quotes.csv": "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\r\n'CB03,\"Lê\r\nVăn C\",XA-A,vien_chuc,31/02/2025\r\n\r\n=CB04,\"\"\"Phạm\"\" D\",XA-A,hop_dong,2025-13-01\r\n",
    "training.csv": "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu\nCB01,KNS-01,2025-03-01,truc_tuyen,\nCB02,KNS-01,31/02/2025,truc_tiep,ghi chú dài\n",
    "assessment.csv": "Mã cán bộ,Mã bài đánh giá,Ngày,Điểm,Đạt\nCB01,DG-01,2025-04-01,85.5,Có\nCB02,DG-01,01/04/2025,\"7,5\",0\nCB03,DG-01,2025-04-01,101,x\n",
}


def xlsx(cells, dates=(), second_sheet=False, inline=False, parts_only=False):
    """A minimal workbook: cells is a list of (ref, text or number)."""
    strings = []
    rows = {}
    for ref, value in cells:
        r = int("".join(c for c in ref if c.isdigit()))
        if isinstance(value, str):
            if inline:
                xml = f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
            else:
                strings.append(value)
                xml = f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
        else:
            xml = f'<c r="{ref}"><v>{value}</v></c>'
        rows.setdefault(r, []).append(xml)
    for ref, serial in dates:
        r = int("".join(c for c in ref if c.isdigit()))
        rows.setdefault(r, []).append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
    sheet = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheets = '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
    rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    overrides = '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    if second_sheet:
        sheets += '<sheet name="Sheet2" sheetId="2" r:id="rId4"/>'
        rels += '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        overrides += '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + overrides
        + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {ns}><workbookPr date1904="false"/><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + rels
        + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>",
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}><dimension ref="A1:E3"/><sheetData>{sheet}</sheetData></worksheet>',
    }
    if second_sheet:
        parts["xl/worksheets/sheet2.xml"] = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}><sheetData/></worksheet>'
    if parts_only:
        return b"\0".join(parts[n].encode("utf-8") for n in
                           ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def main():
    # Seeds are (re)written under their names; inputs merged in after a run stay.
    for name, text in CSV.items():
        put("import_csv", name, text)
    put("import_xlsx", "units.xlsx", xlsx([("A1", "ma_don_vi"), ("B1", "ten_don_vi"), ("C1", "cap"), ("A2", "XA-A"), ("B2", "Xã An Bình"), ("C2", "xa")]))
    put("import_xlsx", "roster_dates.xlsx", xlsx(
        [("B3", "Mã cán bộ"), ("C3", "Họ và tên"), ("D3", "Mã đơn vị"), ("E3", "Loại"), ("F3", "Ngày bắt đầu"),
         ("B4", 12345), ("C4", "Nguyễn Văn An"), ("D4", "XA-A"), ("E4", "Công chức")],
        dates=[("F4", 46081), ("F5", 1e17)], second_sheet=True))
    put("import_xlsx", "assessment_inline.xlsx", xlsx(
        [("A1", "ma_can_bo"), ("B1", "ma_bai_danh_gia"), ("C1", "ngay"), ("D1", "diem"), ("E1", "dat"),
         ("A2", "CB01"), ("B2", "DG-01"), ("C2", "2025-04-01"), ("D2", 85.5), ("E2", 1)], inline=True))
    # The same workbooks as their XML parts, for import_xlsx_parts.
    put("import_xlsx_parts", "units.parts", xlsx([("A1", "ma_don_vi"), ("B1", "ten_don_vi"), ("C1", "cap"), ("A2", "XA-A"), ("B2", "Xã An Bình"), ("C2", "xa")], parts_only=True))
    put("import_xlsx_parts", "roster_dates.parts", xlsx(
        [("B3", "Mã cán bộ"), ("C3", "Họ và tên"), ("D3", "Mã đơn vị"), ("E3", "Loại"), ("F3", "Ngày bắt đầu"),
         ("B4", 12345), ("C4", "Nguyễn Văn An"), ("D4", "XA-A"), ("E4", "Công chức")],
        dates=[("F4", 46081), ("F5", 1e17)], parts_only=True))
    put("import_xlsx_parts", "assessment_inline.parts", xlsx(
        [("A1", "ma_can_bo"), ("B1", "ma_bai_danh_gia"), ("C1", "ngay"), ("D1", "diem"), ("E1", "dat"),
         ("A2", "CB01"), ("B2", "DG-01"), ("C2", "2025-04-01"), ("D2", 85.5), ("E2", 1)], inline=True, parts_only=True))
    # GIFT: the demo bank, the practice sets, and the reader's own corner cases.
    for path in ["content/questions/ngan-hang-cau-hoi.gift"] + [
        os.path.join("content/practice", f) for f in sorted(os.listdir(os.path.join(ROOT, "content/practice")))
    ]:
        with open(os.path.join(ROOT, path), "rb") as f:
            put("bank_gift", os.path.basename(path), f.read())
    put("bank_gift", "kinds.gift", open(os.path.join(FUZZ, "questions.gift"), "rb").read())
    put("bank_gift", "corners.gift",
        "$CATEGORY: $course$/top/an_toan/kho\n\n"
        "::Esc\\:aped::[markdown]A \\{brace\\} and \\= sign {\n=%100%right#good\n~%-50%wrong#bad\n####general\n}\n\n"
        "::Mid::The {=blank ~other} in the middle\n\n"
        "::Order::Sort. {>3 ALL\nfirst\nsecond\nthird}\n\n"
        "::Num::How many? {#3:1}\n\n::Essay::Write. {}\n\n::Weight::Bad {~%150%a =b}\n\n"
        "::Open::Never closed {=a\n\n}{ stray\n\n// comment only\n::TF::[html]Sure? {FALSE#no#yes}\n")
    with open(os.path.join(ROOT, "server/tests/authoring.rs"), encoding="utf-8") as f:
        src = f.read()
    start = src.index("<quiz>")
    put("bank_moodle_xml", "authoring_test.xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + src[start:src.index("</quiz>", start) + 7])
    put("bank_moodle_xml", "kinds.xml", MOODLE)
    for name, body in FORMS.items():
        put("answer_form", name, body)


MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/du_lieu/de</text></category></question>
  <question type="multichoice">
    <name><text>DL-01</text></name>
    <questiontext format="html"><text><![CDATA[<p>Nguồn nào <b>đáng tin</b>?</p>]]></text></questiontext>
    <generalfeedback><text>Xem lại bài 1.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>Trang của xã</text><feedback><text>Đúng.</text></feedback></answer>
    <answer fraction="0"><text>Tin chuyển tiếp</text></answer>
  </question>
  <question type="multichoice">
    <name><text>DL-02</text></name>
    <questiontext format="plain_text"><text>Chọn hai.</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>a</text></answer>
    <answer fraction="50"><text>b</text></answer>
    <answer fraction="-100"><text>c</text></answer>
  </question>
  <question type="truefalse">
    <name><text>DL-03</text></name>
    <questiontext><text>Email có thể giả mạo.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>DL-04</text></name>
    <questiontext><text>Bao nhiêu chữ số?</text></questiontext>
    <answer fraction="100"><text>12</text></answer>
    <answer fraction="50"><text>mười hai</text></answer>
  </question>
  <question type="matching">
    <name><text>DL-05</text></name>
    <questiontext><text>Ghép.</text></questiontext>
    <subquestion><text>a</text><answer><text>1</text></answer></subquestion>
    <subquestion><text>b</text><answer><text>2</text></answer></subquestion>
    <subquestion><text></text><answer><text>3</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>DL-06</text></name>
    <questiontext><text>Xếp.</text></questiontext>
    <answer fraction="1"><text>một</text></answer>
    <answer fraction="2"><text>hai</text></answer>
  </question>
  <question type="essay"><name><text>X</text></name><questiontext><text>Viết.</text></questiontext></question>
  <question type="numerical"><name><text>N</text></name><questiontext><text>&#8203;&amp;&lt;</text></questiontext></question>
</quiz>
"""

FORMS = {
    "choices.form": "cau=1&chon=2&chon=0&tiep=2",
    "truth.form": "cau=3&dung=1",
    "text.form": "cau=4&tra_loi=+%E1%BA%A2o+gi%C3%A1c+",
    "order.form": "cau=5&thu_tu_0=3&thu_tu_1=1&thu_tu_2=2",
    "pairs.form": "cau=6&ghep_0=2&ghep_1=&ghep_2=0",
    "practice.form": "q1=0&q2=0&q2=1&q3=true&q4=gov.vn&q5=1&q6=2",
}

if __name__ == "__main__":
    main()
