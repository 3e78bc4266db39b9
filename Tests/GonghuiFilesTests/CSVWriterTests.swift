import Foundation
import Testing
@testable import GonghuiFiles

@Suite("CSV writing")
struct CSVWriterTests {
    @Test func quotesOnlyWhenNeeded() {
        let data = CSVWriter.render([
            ["姓名", "备注"],
            ["张三", "a,b"],
            ["说\"好\"", "两行\n文字"],
            [" 前空格", "后空格 "],
            ["回车\r", "0012"],
            [""],
            [],
        ], bom: false)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == "姓名,备注\r\n张三,\"a,b\"\r\n\"说\"\"好\"\"\",\"两行\n文字\"\r\n\" 前空格\",\"后空格 \"\r\n\"回车\r\",\"\t0012\"\r\n\"\"\r\n\r\n")
    }

    @Test func bomByDefaultForExcel() throws {
        let url = temporaryURL("导出.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try CSVWriter(url: url)
        try writer.write(["姓名", "身份证号"])
        try writer.write(["张三", "420102199003071234"])
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        // The ID number is kept as text for Excel (a quoted tab before it), and reads back whole.
        #expect(Array(bytes.dropFirst(3)) == Array("姓名,身份证号\r\n张三,\"\t420102199003071234\"\r\n".utf8))
        #expect(try readAll(TableReader(url: url)).last?.cells == ["张三", "420102199003071234"])
        let plain = CSVWriter.render([["6217002870012345678"]], bom: false, protectingIdentifiers: false)
        #expect(String(decoding: plain, as: UTF8.self) == "6217002870012345678\r\n", "bare digits for a bank's system")
        #expect(CSVWriter.render([["a"]], bom: true) == Data([0xEF, 0xBB, 0xBF, 0x61, 0x0D, 0x0A]))
    }

    @Test func writeThenReadBackManyRowsAcrossFlushes() throws {
        let url = temporaryURL("round-trip.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try CSVWriter(url: url, bom: true)
        let rows = (0..<30_000).map { i in
            ["\(i)", "会员\(i)", i % 5 == 0 ? "含,逗号\n和换行 \"引号\"" : "普通", i % 3 == 0 ? "" : "  \(i)  "]
        }
        try writer.write(["编号", "姓名", "备注", "空格"])
        for row in rows { try writer.write(row) }
        try writer.close()
        #expect(writer.rowsWritten == rows.count + 1)
        let reader = try TableReader(url: url)
        #expect(reader.encoding == .utf8BOM)
        #expect(try reader.readHeader() == ["编号", "姓名", "备注", "空格"])
        let back = try readAll(reader)
        #expect(back.map(\.cells) == rows)
        #expect(back.last?.number == rows.count + 1)
    }

    @Test func gb18030Output() throws {
        let url = temporaryURL("gbk.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try CSVWriter(url: url, encoding: .gb18030)
        try writer.write(["姓名", "性别"])
        try writer.write(["张三", "男"])
        try writer.write(["𠀀", "€"])
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: url))
        // GBK for the common characters, the four-byte form for U+20000.
        #expect(bytes.starts(with: [208, 213, 195, 251, 44, 208, 212, 177, 240, 13, 10]))
        #expect(Array(bytes.suffix(9)) == [149, 50, 130, 54, 44, 162, 227, 13, 10])
        let reader = try TableReader(url: url)
        #expect(try readAll(reader).map(\.cells) == [["姓名", "性别"], ["张三", "男"], ["𠀀", "€"]])
        #expect(reader.encoding == .gb18030)
    }

    @Test func utf16Output() throws {
        let data = CSVWriter.render([["工会", "a"]], encoding: .utf16LE)
        #expect(Array(data) == [0xFF, 0xFE, 0xE5, 0x5D, 0x1A, 0x4F, 0x2C, 0x00, 0x61, 0x00, 0x0D, 0x00, 0x0A, 0x00])
        #expect(try readAll(TableReader(csvData: data)).map(\.cells) == [["工会", "a"]])
    }

    @Test func writingAfterCloseFails() throws {
        let url = temporaryURL("closed.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let writer = try CSVWriter(url: url, bom: false)
        try writer.close()
        #expect(throws: FileError.self) { try writer.write(["x"]) }
        #expect(throws: FileError.self) { try CSVWriter(url: URL(fileURLWithPath: "/nonexistent-dir/x.csv")) }
    }
}
