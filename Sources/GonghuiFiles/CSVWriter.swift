import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes CSV (RFC 4180, CRLF line ends) in a chosen encoding, buffered.
///
/// By default UTF-8 with a byte-order mark, which Chinese Excel opens correctly by double-click;
/// `.gb18030` writes what older Chinese Excel versions and many government systems expect.
/// Not thread-safe: use one writer from one task.
public final class CSVWriter {
    private static let flushThreshold = 1 << 20

    public let encoding: TextEncoding
    /// Records written so far.
    public private(set) var rowsWritten = 0

    private var fd: Int32
    private var buffer: [UInt8] = []
    /// Leading bytes of `buffer` already in the target encoding (the byte-order mark).
    private var pendingRawPrefix = 0
    private let converter: IconvConverter?
    private var closed = false

    /// Opens (creating or truncating) a UTF-8 CSV file, with a byte-order mark unless `bom` is false.
    public convenience init(url: URL, bom: Bool = true) throws(FileError) {
        try self.init(url: url, encoding: bom ? .utf8BOM : .utf8)
    }

    /// Opens (creating or truncating) a CSV file in `encoding`; UTF-16 variants get their BOM.
    public init(url: URL, encoding: TextEncoding) throws(FileError) {
        self.encoding = encoding
        converter = encoding == .gb18030 ? try IconvConverter(from: "UTF-8", to: "GB18030") : nil
        let path = url.path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw FileError.io("无法写入文件 \(path)（\(describeErrno(code))）")
        }
        self.fd = fd
        buffer.reserveCapacity(Self.flushThreshold + 64 << 10)
        switch encoding {
        case .utf8BOM: buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        case .utf16LE: buffer.append(contentsOf: [0xFF, 0xFE])
        case .utf16BE: buffer.append(contentsOf: [0xFE, 0xFF])
        case .utf8, .gb18030: break
        }
        pendingRawPrefix = buffer.count
    }

    deinit {
        if !closed {
            try? flush()
            systemClose(fd)
        }
    }

    /// Appends one record.
    public func write(_ cells: [String]) throws(FileError) {
        guard !closed else { throw FileError.io("CSV 文件已关闭，无法继续写入") }
        Self.appendRecord(cells, to: &buffer)
        rowsWritten += 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out the buffer and closes the file.
    public func close() throws(FileError) {
        guard !closed else { return }
        closed = true
        do {
            try flush()
        } catch {
            systemClose(fd)
            throw error
        }
        if systemClose(fd) != 0 {
            let code = errno
            throw FileError.io("关闭文件失败（\(describeErrno(code))）")
        }
    }

    /// Writes the buffered records to the file.
    public func flush() throws(FileError) {
        guard !buffer.isEmpty else { return }
        let bytes = Self.encode(buffer, skippingPrefix: pendingRawPrefix, as: encoding, converter: converter)
        pendingRawPrefix = 0
        buffer.removeAll(keepingCapacity: true)
        try bytes.withUnsafeBytes { raw in
            Result { () throws(FileError) in try AnonymousTempFile.writeAll(fd, raw) }
        }.get()
    }

    /// A whole small CSV in memory, UTF-8 with or without BOM.
    public static func render(_ rows: [[String]], bom: Bool) -> Data {
        render(rows, encoding: bom ? .utf8BOM : .utf8)
    }

    /// A whole small CSV in memory in `encoding`.
    public static func render(_ rows: [[String]], encoding: TextEncoding) -> Data {
        var bytes: [UInt8] = []
        switch encoding {
        case .utf8BOM: bytes = [0xEF, 0xBB, 0xBF]
        case .utf16LE: bytes = [0xFF, 0xFE]
        case .utf16BE: bytes = [0xFE, 0xFF]
        case .utf8, .gb18030: break
        }
        let prefix = bytes.count
        for row in rows { appendRecord(row, to: &bytes) }
        let converter = encoding == .gb18030 ? try? IconvConverter(from: "UTF-8", to: "GB18030") : nil
        return Data(encode(bytes, skippingPrefix: prefix, as: encoding, converter: converter))
    }

    /// Appends one CSV record (UTF-8, CRLF-terminated) to `out`. Cells are quoted when they hold a
    /// comma, quote, line break, or leading or trailing blank; quotes inside are doubled.
    public static func appendRecord(_ cells: [String], to out: inout [UInt8]) {
        if cells.count == 1 && cells[0].isEmpty {
            // A lone empty cell would be an empty line, which readers skip.
            out.append(contentsOf: [0x22, 0x22, 0x0D, 0x0A])
            return
        }
        var first = true
        for cell in cells {
            if !first { out.append(0x2C) }
            first = false
            var cell = cell
            cell.withUTF8 { bytes in
                guard let head = bytes.first, let tail = bytes.last else { return }
                var needsQuotes = head == 0x20 || head == 0x09 || tail == 0x20 || tail == 0x09
                if !needsQuotes {
                    for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
                        needsQuotes = true
                        break
                    }
                }
                guard needsQuotes else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(0x22)
                var start = 0
                for (i, b) in bytes.enumerated() where b == 0x22 {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
                    out.append(0x22)
                    start = i + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                out.append(0x22)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// Converts UTF-8 `bytes` (after an already-encoded prefix) to `encoding`.
    private static func encode(_ bytes: [UInt8], skippingPrefix prefix: Int, as encoding: TextEncoding,
                               converter: IconvConverter?) -> [UInt8] {
        switch encoding {
        case .utf8, .utf8BOM:
            return bytes
        case .gb18030:
            // Every Unicode scalar has a GB18030 form, so conversion of well-formed UTF-8 succeeds.
            let body = Array(bytes[prefix...])
            guard let converter, let converted = converter.convertAll(body) else { return bytes }
            return Array(bytes[..<prefix]) + converted
        case .utf16LE, .utf16BE:
            var out = Array(bytes[..<prefix])
            let text = String(decoding: bytes[prefix...], as: UTF8.self)
            out.reserveCapacity(prefix + text.utf16.count * 2)
            let bigEndian = encoding == .utf16BE
            for unit in text.utf16 {
                if bigEndian {
                    out.append(UInt8(unit >> 8)); out.append(UInt8(unit & 0xFF))
                } else {
                    out.append(UInt8(unit & 0xFF)); out.append(UInt8(unit >> 8))
                }
            }
            return out
        }
    }
}
