import Foundation
import GonghuiProcess
import Testing
import ZIPFoundation
@testable import GonghuiFiles

/// The text of one part of an XLSX package.
func part(_ path: String, of data: Data) throws -> String {
    let archive = try Archive(data: data, accessMode: .read)
    let entry = try #require(archive[path])
    var bytes = Data()
    _ = try archive.extract(entry) { bytes.append($0) }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite("XLSX writing")
struct XLSXWriterTests {
    static func reportWriter() -> XLSXWriter {
        let writer = XLSXWriter(sheetName: "会员统计")
        writer.setTitle("2024年会员统计表", span: 6)
        writer.addMergedHeader(groups: [("", 1), ("会员人数", 3), ("", 2)],
                               header: ["单位", "合计", "男", "女", "入会率", "统计日期"])
        writer.addRow([.text("市总工会"), .integer(1200), .integer(700), .integer(500), .decimal("0.8123"), .date("2024-12-31")])
        writer.addRow([.text("区工会 & <直属>"), .number(1234.5), .empty, .integer(0), .decimal("-.5"), .date("不是日期")])
        writer.addTotalsRow([.text("合计"), .integer(2434), .integer(700), .integer(500), .empty, .empty])
        return writer
    }

    @Test func roundTripKeepsTextExactly() throws {
        let writer = XLSXWriter(sheetName: "花名册")
        writer.addHeader(["姓名", "身份证号", "工号", "手机", "备注", "入会日期", "金额", "人数"])
        let rows: [[XLSXCell]] = [
            [.text("张三"), .text("420102199003071234"), .text("00123"), .text("13812345678"),
             .text("A&B<C>\"引号\"'单引号'"), .date("2020-01-01"), .decimal("1234.50"), .integer(3)],
            [.text("李四"), .text("11010519491231002X"), .empty, .text(" 前后空格 "),
             .text("第一行\n第二行\r\n第三行"), .date("1999-12-31"), .number(0.1), .integer(-7)],
            [.text("𠀀王\u{1}五\u{FFFE}"), .empty, .empty, .empty, .text("尾"), .empty, .number(2.5e-7), .integer(Int64.max)],
        ]
        for row in rows { writer.addRow(row) }
        let data = try writer.data()

        let reader = try TableReader(xlsxData: data)
        #expect(try reader.readHeader() == ["姓名", "身份证号", "工号", "手机", "备注", "入会日期", "金额", "人数"])
        let back = try readAll(reader)
        #expect(back.map(\.number) == [2, 3, 4])
        #expect(back[0].cells == ["张三", "420102199003071234", "00123", "13812345678", "A&B<C>\"引号\"'单引号'", "2020-01-01", "1234.5", "3"])
        #expect(back[1].cells == ["李四", "11010519491231002X", "", " 前后空格 ", "第一行\n第二行\r\n第三行", "1999-12-31", "0.1", "-7"])
        // Characters XML 1.0 cannot carry are dropped, everything else survives.
        #expect(back[2].cells == ["𠀀王五", "", "", "", "尾", "", "0.00000025", "9223372036854775807"])
    }

    @Test func titleGroupsHeaderAndTotalsLayout() throws {
        let data = try Self.reportWriter().data()
        let rows = try readAll(TableReader(xlsxData: data))
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(rows[0].cells == ["2024年会员统计表"])
        // Ungrouped columns carry their header in the group row, merged down over the header row.
        #expect(rows[1].cells == ["单位", "会员人数", "", "", "入会率", "统计日期"])
        #expect(rows[2].cells == ["", "合计", "男", "女"])
        #expect(rows[3].cells == ["市总工会", "1200", "700", "500", "0.8123", "2024-12-31"])
        #expect(rows[4].cells == ["区工会 & <直属>", "1234.5", "", "0", "-0.5", "不是日期"])
        #expect(rows[5].cells == ["合计", "2434", "700", "500"])

        let sheet = try part("xl/worksheets/sheet1.xml", of: data)
        for merge in ["A1:F1", "A2:A3", "B2:D2", "E2:E3", "F2:F3"] {
            #expect(sheet.contains("<mergeCell ref=\"\(merge)\"/>"))
        }
        #expect(sheet.contains("<mergeCells count=\"5\">"))
        #expect(sheet.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<dimension ref="A1:F6"/>"#))
        #expect(sheet.contains("<cols>"))
        // Exact decimals are numbers, not text.
        #expect(sheet.contains(#"<c r="E4" s="5"><v>0.8123</v></c>"#))
        // Totals are bold (style 7 uses the bold font).
        #expect(sheet.contains(#"<c r="B6" s="7"><v>2434</v></c>"#))
        let styles = try part("xl/styles.xml", of: data)
        #expect(styles.contains(#"<cellXfs count="9">"#))
        let workbook = try part("xl/workbook.xml", of: data)
        #expect(workbook.contains(#"<sheet name="会员统计" sheetId="1" r:id="rId1"/>"#))
        #expect(try part("[Content_Types].xml", of: data).contains("/xl/worksheets/sheet1.xml"))
    }

    @Test func explicitColumnWidths() throws {
        let writer = XLSXWriter(sheetName: "x")
        writer.setColumnWidths([20, 8.5])
        writer.addRow(texts: ["a", "b"])
        let sheet = try part("xl/worksheets/sheet1.xml", of: writer.data())
        #expect(sheet.contains(#"<col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="8.5" customWidth="1"/>"#))
    }

    @Test func largeExportSpillsToDiskAndReadsBack() throws {
        let url = temporaryURL("大表.xlsx")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = XLSXWriter(sheetName: "会员")
        writer.addHeader(["序号", "姓名", "身份证号", "入会日期", "金额"])
        let count = 60_000
        for i in 0..<count {
            writer.addRow([.integer(Int64(i)), .text("会员\(i)"), .text(String(format: "4201021990%08d", i)),
                           .date("2020-01-01"), .decimal("\(i).25")])
        }
        try writer.write(to: url)
        let reader = try TableReader(url: url)
        #expect(try reader.readHeader() == ["序号", "姓名", "身份证号", "入会日期", "金额"])
        var n = 0
        while let row = try reader.nextRow() {
            if n % 997 == 0 || n == count - 1 {
                #expect(row.cells == ["\(n)", "会员\(n)", String(format: "4201021990%08d", n), "2020-01-01", "\(n).25"])
            }
            #expect(row.number == n + 2)
            n += 1
        }
        #expect(n == count)
        #expect(reader.bytesRead == reader.totalBytes)
        // No temporary file is left next to the result.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(siblings == ["大表.xlsx"])
    }

    @Test func refusesMoreRowsThanExcelHolds() throws {
        let writer = XLSXWriter(sheetName: "x")
        for _ in 0..<XLSXLimits.maxRows { writer.addRow([]) }
        #expect(writer.rowCount == 1_048_576)
        writer.addRow([.text("one too many")])
        #expect(throws: FileError.tooManyRowsForXLSX(1_048_577)) { try writer.data() }
        #expect(FileError.tooManyRowsForXLSX(1_048_577).message.contains("CSV"))
    }

    @Test func namesAndColumns() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
        #expect(XLSXWriter.columnName(702) == "AAA")
        #expect(XLSXWriter.columnName(16_383) == "XFD")
        #expect(XLSXWriter.sanitizedSheetName("a/b:c?[d]") == "a_b_c__d_")
        #expect(XLSXWriter.sanitizedSheetName("  ") == "Sheet1")
        #expect(XLSXWriter.sanitizedSheetName(String(repeating: "工", count: 40)).count == 31)
        #expect(XLSXWriter.normalizedDecimal("+1.50") == "1.50")
        #expect(XLSXWriter.normalizedDecimal(".5") == "0.5")
        #expect(XLSXWriter.normalizedDecimal("1e3") == "1e3")
        #expect(XLSXWriter.normalizedDecimal("1,000") == nil)
        #expect(XLSXWriter.normalizedDecimal("-") == nil)
    }

    static var libreOffice: String? {
        for path in ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    @Test(.enabled(if: libreOffice != nil, "LibreOffice is not installed"))
    func libreOfficeOpensTheWorkbook() throws {
        let input = temporaryURL("report.xlsx")
        try makeDirectory(for: input)
        defer { try? FileManager.default.removeItem(at: input.deletingLastPathComponent()) }
        let directory = input.deletingLastPathComponent()
        try Self.reportWriter().write(to: input)
        let status = try ChildProcess.run(Self.libreOffice!, ["--headless", "-env:UserInstallation=file://\(directory.path)/profile",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", directory.path, input.path])
        #expect(status == 0)
        let csv = try String(contentsOf: directory.appendingPathComponent("report.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.first == "2024年会员统计表,,,,,")
        #expect(lines.contains("市总工会,1200,700,500,0.8123,2024-12-31"))
        #expect(lines.last == "合计,2434,700,500,,")
    }
}
