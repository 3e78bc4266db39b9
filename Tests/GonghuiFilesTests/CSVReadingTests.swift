import Foundation
import Testing
@testable import GonghuiFiles

/// Reads every row of a CSV given as text.
func readAll(csv text: String) throws -> [TableRow] {
    try readAll(TableReader(csvData: Data(text.utf8)))
}

func readAll(_ reader: TableReader) throws -> [TableRow] {
    var rows: [TableRow] = []
    while let row = try reader.nextRow() { rows.append(row) }
    return rows
}

func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("gonghui-files-tests-\(UUID().uuidString)")
        .appendingPathComponent(name)
}

func makeDirectory(for url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
}

@Suite("CSV reading")
struct CSVReadingTests {
    @Test func headerAndRowsWithTrueRowNumbers() throws {
        let reader = try TableReader(csvData: Data("姓名, 身份证号 ,手机\n张三,420102199003071234,13812345678\n\n,,\n李四,11010519491231002X,\n".utf8))
        #expect(reader.format == .csv)
        #expect(reader.encoding == .utf8)
        #expect(try reader.readHeader() == ["姓名", "身份证号", "手机"])
        let first = try #require(try reader.nextRow())
        #expect(first == TableRow(number: 2, cells: ["张三", "420102199003071234", "13812345678"]))
        // Rows 3 (empty line) and 4 (only separators) are skipped, but numbering stays true.
        let second = try #require(try reader.nextRow())
        #expect(second.number == 5)
        #expect(second.cells == ["李四", "11010519491231002X", ""])
        #expect(try reader.nextRow() == nil)
        #expect(try reader.nextRow() == nil)
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\nline3\"\r\n\"\",\"\"\"\",plain\r\nlast,row,here"
        let rows = try readAll(csv: text)
        #expect(rows.map(\.cells) == [
            ["a", "b", "c"],
            ["x, y", "say \"hi\"", "line1\r\nline2\nline3"],
            ["", "\"", "plain"],
            ["last", "row", "here"],
        ])
        // A record with line breaks inside quotes is still one row.
        #expect(rows.map(\.number) == [1, 2, 3, 4])
    }

    @Test func lineEndingsCRLFLFAndCR() throws {
        #expect(try readAll(csv: "a,b\r\nc,d\r\n").map(\.cells) == [["a", "b"], ["c", "d"]])
        #expect(try readAll(csv: "a,b\nc,d").map(\.cells) == [["a", "b"], ["c", "d"]])
        #expect(try readAll(csv: "a,b\rc,d\r").map(\.cells) == [["a", "b"], ["c", "d"]])
        #expect(try readAll(csv: "a,b\r\rc,d").map(\.number) == [1, 3])
    }

    @Test func trimsUnquotedCellsButKeepsQuotedSpaces() throws {
        let rows = try readAll(csv: "  a  , \" b \" ,c\t,\"x\" y\n")
        #expect(rows[0].cells == ["a", " b ", "c", "xy"])
    }

    @Test func utf8BOMIsStrippedAndReported() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("姓名,年龄\n张三,30\n".utf8))
        let reader = try TableReader(csvData: data)
        #expect(reader.encoding == .utf8BOM)
        #expect(try reader.readHeader() == ["姓名", "年龄"])
        #expect(try reader.nextRow()?.cells == ["张三", "30"])
    }

    @Test func tabSeparatedWhenHeaderHasTabsAndNoCommas() throws {
        let reader = try TableReader(csvData: Data("姓名\t备注\n张三\t有, 逗号\n".utf8))
        #expect(try reader.readHeader() == ["姓名", "备注"])
        #expect(try reader.nextRow()?.cells == ["张三", "有, 逗号"])
        #expect(reader.csvSeparator == "\t")
    }

    @Test func trailingSeparatorGivesEmptyLastCell() throws {
        #expect(try readAll(csv: "a,b,\n1,,\n").map(\.cells) == [["a", "b", ""], ["1", "", ""]])
    }

    @Test func unterminatedQuoteReportsItsRow() throws {
        let reader = try TableReader(csvData: Data("a,b\n1,2\n3,\"open\n4,5\n".utf8))
        _ = try reader.nextRow()
        _ = try reader.nextRow()
        #expect(throws: FileError.self) { try reader.nextRow() }
        let again = try TableReader(csvData: Data("a,b\n1,2\n3,\"open\n4,5\n".utf8))
        let error = #expect(throws: FileError.self) { try readAll(again) }
        guard case .malformedCSV(let row, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(row == 3)
        #expect(error?.message.contains("第 3 行") == true)
    }

    @Test func headerOfEmptyFileIsNil() throws {
        #expect(try TableReader(csvData: Data()).readHeader() == nil)
        #expect(try TableReader(csvData: Data("\n\n , \n".utf8)).readHeader() == nil)
    }

    @Test func recordsSpanningManyBufferRefills() throws {
        // Enough data for several decoder chunks, with quoted multi-line cells and multi-byte
        // characters landing on every possible chunk offset.
        let url = temporaryURL("big.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        var text = "编号,内容,备注\n"
        let rowCount = 40_000
        for i in 0..<rowCount {
            if i % 7 == 0 {
                text += "\(i),\"多行\n内容，含逗号, 和\"\"引号\"\"\",尾\(i)\n"
            } else {
                text += "\(i),工会会员\(i),\(String(repeating: "长", count: i % 13))\n"
            }
        }
        try Data(text.utf8).write(to: url)
        let reader = try TableReader(url: url)
        #expect(try reader.readHeader() == ["编号", "内容", "备注"])
        var count = 0
        while let row = try reader.nextRow() {
            let i = count
            #expect(row.number == i + 2)
            if i % 7 == 0 {
                #expect(row.cells == ["\(i)", "多行\n内容，含逗号, 和\"引号\"", "尾\(i)"])
            } else {
                #expect(row.cells == ["\(i)", "工会会员\(i)", String(repeating: "长", count: i % 13)])
            }
            count += 1
        }
        #expect(count == rowCount)
        #expect(reader.bytesRead == Int64(text.utf8.count))
        #expect(reader.totalBytes == Int64(text.utf8.count))
    }

    @Test func readsFilesByExtensionAndSniffing() throws {
        let csv = temporaryURL("名单.txt")
        try makeDirectory(for: csv)
        defer { try? FileManager.default.removeItem(at: csv.deletingLastPathComponent()) }
        try Data("a,b\n1,2\n".utf8).write(to: csv)
        #expect(try TableReader(url: csv).format == .csv)
        let noExtension = csv.deletingPathExtension().appendingPathExtension("dat")
        try Data("a,b\n".utf8).write(to: noExtension)
        #expect(try TableReader(url: noExtension).format == .csv)
        #expect(throws: FileError.self) { try TableReader(url: csv.appendingPathExtension("missing")) }
    }

    @Test func parserHandlesEveryRecordCutPosition() throws {
        // Parse the same record with the buffer ending at every byte: it must ask for more or
        // give the complete record, never a wrong one.
        let record = Array("\"a\"\"b\",  c ,\"x\r\ny\"\r\n".utf8)
        var scratch: [UInt8] = []
        for cut in 0...record.count {
            var cells: [String] = []
            let outcome = record.withUnsafeBufferPointer {
                CSVRecordReader.parseRecord(UnsafeBufferPointer(rebasing: $0[0..<cut]), from: 0, atEOF: false,
                                            delimiter: UInt8(ascii: ","), cells: &cells, scratch: &scratch)
            }
            switch outcome {
            case .record(let next):
                #expect(cut == record.count)
                #expect(next == record.count)
                #expect(cells == ["a\"b", "c", "x\r\ny"])
            case .needMore:
                #expect(cut < record.count)
            case .unterminatedQuote:
                Issue.record("unexpected unterminated quote at cut \(cut)")
            }
        }
    }
}
