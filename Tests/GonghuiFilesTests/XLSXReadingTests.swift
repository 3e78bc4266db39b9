import Foundation
import Testing
import ZIPFoundation
@testable import GonghuiFiles

/// Fixtures live next to the tests (see Fixtures/make_fixtures.py); found from this file's path
/// so that the test target needs no resource bundle.
func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

@Suite("XLSX reading")
struct XLSXReadingTests {
    @Test func excelStyleWorkbookWithSharedStrings() throws {
        let reader = try TableReader(url: fixtureURL("excel-style.xlsx"))
        #expect(reader.format == .xlsx)
        #expect(reader.encoding == nil)
        #expect(try reader.readHeader() == ["姓名", "身份证号", "手机", "工号", "入会日期", "合同类型", "困难职工", "状态", "金额", "合计"])
        let rows = try readAll(reader)
        #expect(rows.map(\.number) == [2, 3, 5, 6, 7])
        #expect(rows[0].cells == ["张三", "420102199003071234", "13812345678", "G0001", "2020-01-01", "固定期限", "FALSE", "在会", "1234.5", "2469"])
        // C3 is missing: the columns after it stay in place. The formatted blank M3 is dropped.
        #expect(rows[1].cells == ["李四", "11010519491231002X", "", "00123", "1999-12-31", "无固定期限", "TRUE", "在会", "0.1"])
        // Rich text runs are joined; an ID typed as a number keeps the digits Excel stored.
        #expect(rows[2].cells == ["王五", "A&B<C>\"引号\"", "420102199003071200", "第一行\n第二行", "2021-03-04 13:30:00", "", "", "", "-7"])
        #expect(rows[3].cells == ["", "", "只有C列"])
        // 1900-02-28 and 1900-03-01 either side of Excel's phantom leap day; a time-only cell.
        #expect(rows[4].cells == ["1900", "1900-02-28", "1900-03-01", "12:00:00", "  前后空格  "])
    }

    @Test func openpyxlWorkbookWithInlineStringsAndAbsoluteTargets() throws {
        let data = try Data(contentsOf: fixtureURL("openpyxl-inline.xlsx"))
        let reader = try TableReader(xlsxData: data)
        #expect(try reader.readHeader() == ["姓名", "身份证号", "手机", "入会日期"])
        let rows = try readAll(reader)
        #expect(rows == [
            TableRow(number: 2, cells: ["张三", "420102199003071234", "13812345678", "2020-01-01"]),
            TableRow(number: 4, cells: ["王五", "", "", "2024-02-29"]),
        ])
    }

    @Test func date1904System() throws {
        let rows = try readAll(TableReader(url: fixtureURL("date1904.xlsx")))
        #expect(rows.map(\.cells) == [["日期"], ["2020-01-01"]])
    }

    @Test func rejectsWhatIsNotAnXLSX() throws {
        #expect(throws: FileError.self) { try TableReader(xlsxData: Data("a,b\n".utf8)) }
        #expect(throws: FileError.self) { try TableReader(xlsxData: Data()) }
        // A truncated ZIP.
        let real = try Data(contentsOf: fixtureURL("excel-style.xlsx"))
        #expect(throws: FileError.self) { try TableReader(xlsxData: real.prefix(real.count / 2)) }
        // The legacy binary format gets its own advice.
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100))
        let error = #expect(throws: FileError.self) { try TableReader(xlsxData: ole2) }
        #expect(error?.message.contains(".xls") == true)
        let misnamed = temporaryURL("名单.xlsx")
        try makeDirectory(for: misnamed)
        defer { try? FileManager.default.removeItem(at: misnamed.deletingLastPathComponent()) }
        try Data("姓名\n张三\n".utf8).write(to: misnamed)
        #expect(throws: FileError.self) { try TableReader(url: misnamed) }
        // An HTML table saved as .xls, as some systems export.
        let html = misnamed.deletingLastPathComponent().appendingPathComponent("导出.xls")
        try Data("<html><table><tr><td>姓名</td></tr></table></html>".utf8).write(to: html)
        let htmlError = #expect(throws: FileError.self) { try TableReader(url: html) }
        #expect(htmlError?.message.contains("网页") == true)
    }

    @Test func workbookIsRecognisedByContentNotName() throws {
        let writer = XLSXWriter(sheetName: "x")
        let data = try writer.data()
        // Same bytes under a CSV name are still recognised as a workbook.
        let url = temporaryURL("export.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try data.write(to: url)
        #expect(try TableReader(url: url).format == .xlsx)
        #expect(try TableReader(data: data, fileName: "upload.bin").format == .xlsx)
        #expect(try TableReader(data: Data("a\n".utf8), fileName: "upload.csv").format == .csv)
    }

    /// A package assembled by hand, for what generators other than Excel do.
    static func package(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return try #require(archive.data)
    }

    @Test func zipWithoutWorkbookOrSheets() throws {
        let notWorkbook = try Self.package(["readme.txt": "hello"])
        let error = #expect(throws: FileError.self) { try TableReader(xlsxData: notWorkbook) }
        #expect(error?.message.contains("workbook") == true)
        let noSheets = try Self.package([
            "xl/workbook.xml": #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#,
        ])
        #expect(throws: FileError.missingSheet) { try TableReader(xlsxData: noSheets) }
    }

    @Test func prefixedNamesImplicitReferencesAndPhonetics() throws {
        // Prefixed elements, cells and rows without r, comments, CDATA, character references,
        // a formula string, an error value and phonetic runs that are not part of the text.
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let data = try Self.package([
            "xl/workbook.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <x:workbook xmlns:x="\(main)" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <x:sheets><x:sheet name="名单" sheetId="7" rel:id="R9"/></x:sheets></x:workbook>
                """,
            "xl/_rels/workbook.xml.rels": """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id='R9' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet' Target='sheets/data.xml'/>
                <Relationship Id="R2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
                </Relationships>
                """,
            "xl/strings.xml": """
                <x:sst xmlns:x="\(main)"><x:si><x:t>欧阳</x:t><x:rPh sb="0" eb="2"><x:t>オウヨウ</x:t></x:rPh></x:si>
                <x:si><x:r><x:t xml:space="preserve">工 </x:t></x:r><x:r><x:t>会</x:t></x:r></x:si></x:sst>
                """,
            "xl/sheets/data.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- exported -->
                <x:worksheet xmlns:x="\(main)"><x:sheetData>
                <x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[a<b>]]></x:t></x:is></x:c></x:row>
                <x:row>
                  <x:c><x:v> 42 </x:v></x:c>
                  <x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>&#x5DE5;&#20250;&amp;</x:v></x:c>
                  <x:c t="e"><x:v>#N/A</x:v></x:c>
                  <x:c r="F2" t="b"><x:v>1</x:v></x:c>
                  <x:c><x:v>1.5E-3</x:v></x:c>
                </x:row>
                </x:sheetData></x:worksheet>
                """,
        ])
        let rows = try readAll(TableReader(xlsxData: data))
        #expect(rows == [
            TableRow(number: 1, cells: ["欧阳", "工 会", "a<b>"]),
            TableRow(number: 2, cells: ["42", "工会&", "#N/A", "", "", "TRUE", "0.0015"]),
        ])
    }

    @Test func dateFormatClassification() {
        #expect(DateKind.classify(formatCode: "yyyy-mm-dd") == .date)
        #expect(DateKind.classify(formatCode: #"yyyy"年"m"月"d"日""#) == .date)
        #expect(DateKind.classify(formatCode: "[$-804]yyyy/m/d;@") == .date)
        #expect(DateKind.classify(formatCode: "yyyy-mm-dd hh:mm") == .dateTime)
        #expect(DateKind.classify(formatCode: "h:mm:ss") == .time)
        #expect(DateKind.classify(formatCode: "[h]:mm") == .time)
        #expect(DateKind.classify(formatCode: "mm:ss") == .time)
        #expect(DateKind.classify(formatCode: "General") == .none)
        #expect(DateKind.classify(formatCode: "#,##0.00_);[Red](#,##0.00)") == .none)
        #expect(DateKind.classify(formatCode: #"0.00"天""#) == .none)
        #expect(DateKind.builtIn(14) == .date)
        #expect(DateKind.builtIn(31) == .date)
        #expect(DateKind.builtIn(22) == .dateTime)
        #expect(DateKind.builtIn(20) == .time)
        #expect(DateKind.builtIn(49) == .none)
    }

    @Test func serialDates() {
        #expect(ExcelDate.civilDate(serial: 1) == (1900, 1, 1))
        #expect(ExcelDate.civilDate(serial: 59) == (1900, 2, 28))
        #expect(ExcelDate.civilDate(serial: 60) == (1900, 2, 29))
        #expect(ExcelDate.civilDate(serial: 61) == (1900, 3, 1))
        #expect(ExcelDate.civilDate(serial: 45_292) == (2024, 1, 1))
        #expect(ExcelDate.civilDate(serial: 0, date1904: true) == (1904, 1, 1))
        #expect(ExcelDate.serial(year: 2024, month: 1, day: 1) == 45_292)
        #expect(ExcelDate.serial(year: 1900, month: 1, day: 1) == 1)
        for serial in [1, 59, 61, 36_525, 45_292, 2_958_465] {
            let date = ExcelDate.civilDate(serial: serial)
            #expect(ExcelDate.serial(year: date.year, month: date.month, day: date.day) == serial)
        }
        #expect(ExcelDate.parseISODate("2024-02-29")! == (2024, 2, 29))
        #expect(ExcelDate.parseISODate("2023-02-29") == nil)
        #expect(ExcelDate.parseISODate("2024-13-01") == nil)
    }

    @Test func storedNumberText() {
        func show(_ text: String) -> String { NumberText.display(Array(text.utf8)) }
        #expect(show("13812345678") == "13812345678")
        #expect(show("1234.50") == "1234.5")
        #expect(show("3.0") == "3")
        #expect(show("-7") == "-7")
        #expect(show("4.201021990030712E+17") == "420102199003071200")
        #expect(show("1.5E-3") == "0.0015")
        #expect(show("0.10000000000000001") == "0.1")
        #expect(show("2.3300000000000001") == "2.33")
        #expect(show("0") == "0")
        #expect(show("-0.0") == "0")
        #expect(show("abc") == "abc")
    }

    @Test func xmlEntitiesAndLineEnds() {
        var out: [UInt8] = []
        Array("a&amp;b&lt;&#x5DE5;&#20250;&bogus;\r\nz\r".utf8).withUnsafeBufferPointer {
            XMLPullParser.appendResolved($0, to: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == "a&b<工会&bogus;\nz\n")
    }
}
