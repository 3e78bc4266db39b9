import Foundation
import Testing
@testable import GonghuiFiles

/// The cells of a CSV as they are written in the file, before the reader undoes the formula guard.
private func rawCells(_ data: Data, bom: Bool) -> [[String]] {
    var bytes = [UInt8](data)
    if bom { bytes.removeFirst(3) }
    var rows: [[String]] = []
    var scratch: [UInt8] = []
    bytes.withUnsafeBufferPointer { buf in
        var position = 0
        while position < buf.count {
            var cells: [String] = []
            guard case .record(let next) = CSVRecordReader.parseRecord(
                buf, from: position, atEOF: true, delimiter: UInt8(ascii: ","), cells: &cells, scratch: &scratch) else { break }
            rows.append(cells)
            position = next
        }
    }
    return rows
}

/// Values a spreadsheet would run as formulas, and values next to them that it would not.
private let awkward: [String] = [
    #"=HYPERLINK("http://evil.example/?q=1","点击")"#, "=1+1", "=", "+1", "+1+1", "+86 138 0000 0000",
    "-", "-x", "-5", "-12.50", "-.5", "-1e", "-1E-3", "- 5", "--5", "@SUM(A1)", "@", "\tx", "\t", "\r=x", "\r\n=x",
    "'", "''", "'=x", "''=x", "'''@x", "'-5", "'-x", "'x", "x'=", "=\"a,b\"", "\"=x\"", " =x", "0012", "420102199003071234",
    "张三", "", "=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "'\t", "'\r",
]

/// Whether a spreadsheet would read a written cell as a formula: it starts with a trigger and is
/// not a plain number, nor an identifier kept as text by a leading tab (digits only follow it).
private func looksLikeFormula(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
    if first == "\t", cell.count > 1, cell.dropFirst().allSatisfy(\.isASCII), cell.dropFirst().allSatisfy(\.isNumber) { return false }
    var cell = cell
    return !cell.withUTF8 { CSVFormulaGuard.isPlainNumber($0) }
}

@Suite("Formula injection in exports")
struct FormulaInjectionTests {
    @Test func csvPrefixesFormulasWithAnApostrophe() throws {
        let row = [#"=HYPERLINK("http://evil.example/","x")"#, "+1+1", "@SUM(A1)", "\tx", "-x", "\rx"]
        let data = CSVWriter.render([row], bom: false)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == #""'=HYPERLINK(""http://evil.example/"",""x"")",'+1+1,'@SUM(A1),"'"# + "\tx\",'-x,\"'\rx\"\r\n")
        #expect(rawCells(data, bom: false) == [row.map { "'" + $0 }])
    }

    @Test func numbersStayNumbers() {
        let row = ["-5", "-12.50", "+1", "-.5", "-1E-3", "12", "-0"]
        let data = CSVWriter.render([row], bom: false)
        #expect(String(decoding: data, as: UTF8.self) == "-5,-12.50,+1,-.5,-1E-3,12,-0\r\n")
    }

    @Test func readingBackGivesTheOriginalText() throws {
        let rows = [["名称", "备注"], [#"=HYPERLINK("http://evil.example/","x")"#, "@SUM(A1)"], ["\tx", "-x"], ["-5", "-12.50"], ["'=x", "'"]]
        let data = CSVWriter.render(rows, bom: true)
        #expect(try readAll(TableReader(csvData: data)).map(\.cells) == rows)
    }

    @Test(arguments: [TextEncoding.utf8BOM, .gb18030, .utf16LE])
    func roundTripOfAwkwardValues(encoding: TextEncoding) throws {
        // Each value alone in its row, and all of them side by side in one row.
        let rows = [["值"]] + awkward.filter { !$0.isEmpty }.map { [$0, "尾"] } + [awkward]
        let url = temporaryURL("awkward.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try CSVWriter(url: url, encoding: encoding)
        for row in rows { try writer.write(row) }
        try writer.close()
        #expect(try readAll(TableReader(url: url)).map(\.cells) == rows)
        #expect(try readAll(TableReader(csvData: CSVWriter.render(rows, encoding: encoding))).map(\.cells) == rows)
    }

    @Test func noWrittenCellLooksLikeAFormula() {
        let data = CSVWriter.render([awkward], bom: false)
        let written = rawCells(data, bom: false)
        #expect(written.count == 1)
        for (value, cell) in zip(awkward, written[0]) {
            #expect(!looksLikeFormula(cell), "\(value.debugDescription) was written as \(cell.debugDescription)")
            #expect(CSVFormulaGuard.unguarded(cell) == value)
            #expect(CSVFormulaGuard.guarded(value) == cell)
        }
    }

    @Test func guardIsReversibleAndAddsAtMostOneApostrophe() {
        for value in awkward {
            let guarded = CSVFormulaGuard.guarded(value)
            // An identifier (long digits, or digits with a leading zero) gets a tab instead.
            let identifier = value.count >= 2 && value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber) && (value.count >= 12 || value.first == "0")
            #expect(guarded == (identifier ? "\t" + value : value) || guarded == "'" + value)
            #expect(CSVFormulaGuard.unguarded(guarded) == value, "\(value.debugDescription)")
        }
        // Plain text is left alone in both directions.
        #expect(CSVFormulaGuard.unguarded("'x") == "'x")
        #expect(CSVFormulaGuard.unguarded("'-5") == "'-5")
        #expect(CSVFormulaGuard.unguarded("'=x") == "=x")
        #expect(CSVFormulaGuard.unguarded("''=x") == "'=x")
    }

    @Test func xlsxWritesFormulaLikeTextAsStringCells() throws {
        let writer = XLSXWriter(sheetName: "组织")
        writer.addHeader(["名称", "金额", "日期"])
        let link = #"=HYPERLINK("http://evil.example/","x")"#
        writer.addRow([.text(link), .decimal("=1+1"), .date("@SUM(A1)")])
        writer.addRow([.text("-x"), .decimal("-12.50"), .text("'=x")])
        writer.addRow(texts: ["+1+1", "\tx", "-5"])
        let data = try writer.data()
        let sheet = try part("xl/worksheets/sheet1.xml", of: data)
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        #expect(sheet.contains(#"<c r="A2" s="4" t="inlineStr"><is><t>=HYPERLINK(&quot;http://evil.example/&quot;,&quot;x&quot;)</t></is></c>"#))
        #expect(sheet.contains(#"<c r="B2" s="5" t="inlineStr"><is><t>=1+1</t></is></c>"#))
        #expect(sheet.contains(#"<c r="C2" s="3" t="inlineStr"><is><t>@SUM(A1)</t></is></c>"#))
        #expect(sheet.contains(#"<c r="A3" s="4" t="inlineStr"><is><t>-x</t></is></c>"#))
        // A plain number is still a number.
        #expect(sheet.contains(#"<c r="B3" s="5"><v>-12.50</v></c>"#))
        // Text needs no apostrophe in XLSX: it is read back exactly.
        let rows = try readAll(TableReader(xlsxData: data)).map(\.cells)
        #expect(rows.dropFirst().map { $0 } == [[link, "=1+1", "@SUM(A1)"], ["-x", "-12.5", "'=x"], ["+1+1", "\tx", "-5"]])
    }
}
