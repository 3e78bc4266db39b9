import Foundation
import Testing
@testable import GonghuiFiles

@Suite("Text encodings")
struct EncodingTests {
    /// "姓名,性别\n张三,男\n李四,女\n" as GBK, produced by Python's `.encode("gbk")`.
    static let gbkRoster: [UInt8] = [
        208, 213, 195, 251, 44, 208, 212, 177, 240, 10, 213, 197, 200, 253, 44, 196, 208, 10,
        192, 238, 203, 196, 44, 197, 174, 10,
    ]

    @Test func gbkFromChineseExcel() throws {
        let reader = try TableReader(csvData: Data(Self.gbkRoster))
        #expect(reader.encoding == .gb18030)
        #expect(try reader.readHeader() == ["姓名", "性别"])
        #expect(try readAll(reader).map(\.cells) == [["张三", "男"], ["李四", "女"]])
    }

    @Test func gb18030FourByteSequences() throws {
        // "𠀀,€\n" in GB18030: U+20000 needs four bytes; the euro sign two.
        let bytes: [UInt8] = [149, 50, 130, 54, 44, 162, 227, 10]
        let rows = try readAll(TableReader(csvData: Data(Self.gbkRoster + bytes)))
        #expect(rows.last?.cells == ["𠀀", "€"])
        #expect(rows.last?.number == 4)
    }

    @Test func asciiFirstChunkThenGBKLater() throws {
        // The first megabytes are pure ASCII, so they look like UTF-8; the GBK further on must
        // still decode, since ASCII means the same in both.
        var bytes = Array("id,name\n".utf8)
        var expected: [[String]] = []
        var n = 0
        while bytes.count < (3 << 20) + 5000 {
            bytes += Array("\(n),member\(n)\n".utf8)
            expected.append(["\(n)", "member\(n)"])
            n += 1
        }
        bytes += Self.gbkRoster
        expected += [["姓名", "性别"], ["张三", "男"], ["李四", "女"]]
        let url = temporaryURL("late-gbk.csv")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try Data(bytes).write(to: url)
        let reader = try TableReader(url: url)
        #expect(reader.encoding == .utf8)
        #expect(try reader.readHeader() == ["id", "name"])
        let rows = try readAll(reader)
        #expect(rows.count == expected.count)
        #expect(rows.map(\.cells) == expected)
        #expect(reader.encoding == .gb18030)
    }

    @Test func utf8MultibyteSequenceCutAtChunkBoundary() throws {
        // Put a three-byte character across the 1 MiB first-chunk boundary at every offset.
        for shift in 0..<3 {
            var bytes = Array("a,b\n".utf8)
            let filler = (1 << 20) - bytes.count - 1 - shift
            bytes += Array(repeating: UInt8(ascii: "x"), count: filler)
            bytes += Array(",工会,尾\n".utf8)
            let rows = try readAll(TableReader(csvData: Data(bytes)))
            #expect(rows.count == 2)
            #expect(rows.last?.cells.dropFirst() == ["工会", "尾"])
        }
    }

    @Test func unreadableBytesReportTheLine() throws {
        // 0xFF is neither UTF-8 nor GB18030.
        let bytes = Array("a,b\nc,d\n".utf8) + [0xFF, 0xFF, 0x2C, 0x65, 0x0A] + Array("f,g\n".utf8)
        let reader = try TableReader(csvData: Data(bytes))
        #expect(try reader.nextRow()?.cells == ["a", "b"])
        #expect(try reader.nextRow()?.cells == ["c", "d"])
        #expect(throws: FileError.unreadableEncoding(line: 3)) { try reader.nextRow() }
        #expect(FileError.unreadableEncoding(line: 3).message
            == "文件第 3 行无法按 UTF-8 或 GBK/GB18030 解码，请另存为 UTF-8 或 GBK 编码的 CSV")
    }

    @Test func damagedUTF8AfterChineseTextIsAnErrorNotGarbage() throws {
        // Plenty of valid Chinese UTF-8 first, then a stray byte: a damaged UTF-8 file, which
        // must not be silently re-read as GB18030.
        let bytes = Array("姓名,单位\n张三,市总工会\n".utf8) + [0x80] + Array("李四,区总工会\n".utf8)
        let reader = try TableReader(csvData: Data(bytes))
        #expect(reader.encoding == .utf8)
        #expect(try reader.readHeader() == ["姓名", "单位"])
        #expect(try reader.nextRow()?.cells == ["张三", "市总工会"])
        #expect(throws: FileError.unreadableEncoding(line: 3)) { try reader.nextRow() }
    }

    @Test func laterInvalidChunkAfterUTF8ChineseIsAnError() throws {
        var bytes = Array("姓名,单位\n".utf8)
        while bytes.count < (1 << 20) + 100 { bytes += Array("张三,市总工会\n".utf8) }
        let lines = bytes.filter { $0 == 0x0A }.count
        bytes += Self.gbkRoster
        let reader = try TableReader(csvData: Data(bytes))
        var last = 0
        let error = #expect(throws: FileError.self) {
            while let row = try reader.nextRow() { last = row.number }
        }
        #expect(error == .unreadableEncoding(line: lines + 1))
        #expect(last == lines)
    }

    @Test func utf16LittleEndianUnicodeText() throws {
        // Excel's "Unicode text": UTF-16LE with BOM, tab separated.
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "姓名\t备注\r\n张三\t𠀀\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = try TableReader(csvData: Data(bytes))
        #expect(reader.encoding == .utf16LE)
        #expect(try reader.readHeader() == ["姓名", "备注"])
        #expect(try reader.nextRow()?.cells == ["张三", "𠀀"])
    }

    @Test func utf16BigEndian() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "a,b\n工,会\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let rows = try readAll(TableReader(csvData: Data(bytes)))
        #expect(rows.map(\.cells) == [["a", "b"], ["工", "会"]])
    }

    @Test func utf8Validator() {
        func check(_ bytes: [UInt8]) -> UTF8Check {
            bytes.withUnsafeBufferPointer { UTF8Check.check($0) }
        }
        #expect(check(Array("工会 abc €𠀀".utf8)).status == .valid)
        #expect(check([0xE5, 0xB7]).status == .truncated)
        #expect(check([0x41, 0xC0, 0x80]).status == .invalid)         // overlong
        #expect(check([0xED, 0xA0, 0x80]).status == .invalid)         // surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]).status == .invalid)   // above U+10FFFF
        #expect(check([0x41, 0x42, 0xFF]).validCount == 2)
    }
}
