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
    /// Whether long digit strings (ID, account and card numbers) are written so that Excel keeps
    /// them as text (`CSVWriter.appendRecord`); off for files a bank's system reads.
    public var protectsIdentifiers = true

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
        Self.appendRecord(cells, to: &buffer, protectingIdentifiers: protectsIdentifiers)
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
    public static func render(_ rows: [[String]], bom: Bool, protectingIdentifiers: Bool = true) -> Data {
        render(rows, encoding: bom ? .utf8BOM : .utf8, protectingIdentifiers: protectingIdentifiers)
    }

    /// A whole small CSV in memory in `encoding`.
    public static func render(_ rows: [[String]], encoding: TextEncoding, protectingIdentifiers: Bool = true) -> Data {
        var bytes: [UInt8] = []
        switch encoding {
        case .utf8BOM: bytes = [0xEF, 0xBB, 0xBF]
        case .utf16LE: bytes = [0xFF, 0xFE]
        case .utf16BE: bytes = [0xFE, 0xFF]
        case .utf8, .gb18030: break
        }
        let prefix = bytes.count
        for row in rows { appendRecord(row, to: &bytes, protectingIdentifiers: protectingIdentifiers) }
        let converter = encoding == .gb18030 ? try? IconvConverter(from: "UTF-8", to: "GB18030") : nil
        return Data(encode(bytes, skippingPrefix: prefix, as: encoding, converter: converter))
    }

    /// Appends one CSV record (UTF-8, CRLF-terminated) to `out`. Cells are quoted when they hold a
    /// comma, quote, line break, or leading or trailing blank; quotes inside are doubled. A cell a
    /// spreadsheet would take for a formula gets a leading apostrophe (see ``CSVFormulaGuard``).
    ///
    /// With `protectingIdentifiers`, a cell of 12 or more digits, or of digits with a leading
    /// zero (an ID number, a bank account, a card number, a landline), is written as a quoted
    /// tab and the digits: Excel and LibreOffice then keep it as text instead of showing
    /// 4.20102E+17 and rounding it, and the importers trim the tab when they read it back.
    public static func appendRecord(_ cells: [String], to out: inout [UInt8], protectingIdentifiers: Bool = true) {
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
                if protectingIdentifiers && CSVFormulaGuard.isIdentifier(bytes) {
                    out.append(contentsOf: [0x22, 0x09])
                    out.append(contentsOf: bytes)
                    out.append(0x22)
                    return
                }
                let guarded = CSVFormulaGuard.needsGuard(bytes)
                var needsQuotes = head == 0x20 || head == 0x09 || tail == 0x20 || tail == 0x09
                if !needsQuotes {
                    for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
                        needsQuotes = true
                        break
                    }
                }
                guard needsQuotes else {
                    if guarded { out.append(CSVFormulaGuard.apostrophe) }
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(0x22)
                if guarded { out.append(CSVFormulaGuard.apostrophe) }
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

/// Keeps spreadsheets from running cell text as a formula (CSV injection, OWASP).
///
/// Excel, WPS and LibreOffice evaluate a CSV cell that starts with `=`, `+`, `-`, `@`, tab or
/// carriage return, so an org named `=HYPERLINK("http://…","x")` would become a live link. The
/// writer puts an apostrophe before such text, which spreadsheets read as "this is text"; a
/// cell that is a plain number (`-5`, `-12.50`, `+1.5E3`) is not a formula and is left alone.
///
/// The rule is reversible, so an export re-imports as it is: let *rest* be a value without its
/// leading apostrophes; the writer adds one apostrophe exactly when *rest* starts with a trigger
/// and is not a plain number (so `=x` → `'=x`, `'=x` → `''=x`, `'` and `'-5` unchanged), and the
/// reader removes one leading apostrophe under the same condition.
public enum CSVFormulaGuard {
    static let apostrophe = UInt8(ascii: "'")

    /// Whether the writer prefixes `bytes` (UTF-8) with an apostrophe.
    static func needsGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count && bytes[i] == apostrophe { i += 1 }
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(UnsafeBufferPointer(rebasing: bytes[i...]))
        default:
            return false
        }
    }

    /// Digits only, 12 or more of them or with a leading zero: a number a spreadsheet would round
    /// or strip.
    static func isIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return bytes.count >= 12 || bytes[0] == 0x30
    }

    /// `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?` and nothing else.
    static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var i = 0
        let n = bytes.count
        if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
        var digits = 0
        while i < n && isDigit(bytes[i]) { i += 1; digits += 1 }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n && isDigit(bytes[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            let start = i
            while i < n && isDigit(bytes[i]) { i += 1 }
            guard i > start else { return false }
        }
        return i == n
    }

    /// The text as the writer writes it: with a leading apostrophe when a spreadsheet would
    /// otherwise take it for a formula.
    public static func guarded(_ text: String) -> String {
        var text = text
        if text.withUTF8({ isIdentifier($0) }) { return "\t" + text }
        let add = text.withUTF8 { needsGuard($0) }
        return add ? "'" + text : text
    }

    /// The text a written cell stood for: one leading apostrophe removed when the writer added it.
    public static func unguarded(_ text: String) -> String {
        if text.utf8.first == 0x09 {
            var rest = String(text.unicodeScalars.dropFirst())
            return rest.withUTF8({ isIdentifier($0) }) ? rest : text
        }
        guard text.utf8.first == apostrophe else { return text }
        var text = text
        let drop = text.withUTF8 { needsGuard(UnsafeBufferPointer(rebasing: $0.dropFirst())) }
        return drop ? String(text.unicodeScalars.dropFirst()) : text
    }
}
