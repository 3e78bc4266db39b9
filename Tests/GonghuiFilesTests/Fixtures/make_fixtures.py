"""Regenerates the XLSX fixtures the reader tests open.

- excel-style.xlsx: written by XlsxWriter, which lays out parts as Excel does (shared strings,
  rich text runs, number formats in styles.xml, formulas with cached values, sparse rows).
- openpyxl-inline.xlsx: written by openpyxl (inline strings, absolute relationship targets).
- date1904.xlsx: a workbook in the 1904 date system (old Excel for Mac).

Run: python3 make_fixtures.py  (needs: pip install xlsxwriter openpyxl)
"""
import datetime
import os

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

here = os.path.dirname(os.path.abspath(__file__))


def excel_style():
    wb = xlsxwriter.Workbook(os.path.join(here, "excel-style.xlsx"))
    ws = wb.add_worksheet("花名册")
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    chinese_date = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    date_time = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    time = wb.add_format({"num_format": "h:mm"})
    builtin_date = wb.add_format({"num_format": 14})
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0.00"})
    ws.write_row(0, 0, ["姓名", " 身份证号 ", "手机", "工号", "入会日期", "合同类型", "困难职工", "状态", "金额", "合计"])
    ws.write_string(1, 0, "张三")
    ws.write_string(1, 1, "420102199003071234")
    ws.write_number(1, 2, 13812345678)
    ws.write_string(1, 3, "G0001")
    ws.write_datetime(1, 4, datetime.date(2020, 1, 1), date)
    ws.write_string(1, 5, "固定期限")
    ws.write_boolean(1, 6, False)
    ws.write_string(1, 7, "在会")
    ws.write_number(1, 8, 1234.5, money)
    ws.write_formula(1, 9, "=I2*2", None, 2469)
    ws.write_string(2, 0, "李四")
    ws.write_string(2, 1, "11010519491231002X")
    # C3 left out: a missing cell in the middle of the row.
    ws.write_string(2, 3, "00123")
    ws.write_datetime(2, 4, datetime.date(1999, 12, 31), chinese_date)
    ws.write_string(2, 5, "无固定期限")
    ws.write_boolean(2, 6, True)
    ws.write_string(2, 7, "在会")
    ws.write_number(2, 8, 0.1)
    ws.write_blank(2, 12, None, bold)  # a formatted empty cell past the data
    # Row 4 is empty.
    ws.write_rich_string(4, 0, "王", bold, "五")
    ws.write_string(4, 1, 'A&B<C>"引号"')
    ws.write_number(4, 2, 420102199003071234)  # an ID typed as a number: Excel keeps 15 digits
    ws.write_string(4, 3, "第一行\n第二行")
    ws.write_datetime(4, 4, datetime.datetime(2021, 3, 4, 13, 30), date_time)
    ws.write_number(4, 8, -7)
    ws.write_string(5, 2, "只有C列")
    ws.write_number(6, 0, 1900)
    ws.write_datetime(6, 1, datetime.date(1900, 2, 28), date)
    ws.write_datetime(6, 2, datetime.date(1900, 3, 1), builtin_date)
    ws.write_number(6, 3, 0.5, time)
    ws.write_string(6, 4, "  前后空格  ")
    wb.add_worksheet("其他").write_string(0, 0, "不应读取")
    wb.close()


def openpyxl_inline():
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号", "手机", "入会日期"])
    ws.append(["张三", "420102199003071234", 13812345678, datetime.date(2020, 1, 1)])
    ws["D2"].number_format = "yyyy-mm-dd"
    ws["A4"] = CellRichText(["王", TextBlock(InlineFont(b=True), "五")])
    ws["D4"] = datetime.date(2024, 2, 29)
    ws["D4"].number_format = "yyyy-mm-dd"
    wb.create_sheet("其他").append(["不应读取"])
    wb.save(os.path.join(here, "openpyxl-inline.xlsx"))


def date1904():
    wb = xlsxwriter.Workbook(os.path.join(here, "date1904.xlsx"), {"date_1904": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["日期"])
    ws.write_datetime(1, 0, datetime.date(2020, 1, 1), wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.close()


excel_style()
openpyxl_inline()
date1904()
