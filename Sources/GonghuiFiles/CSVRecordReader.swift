/// Streaming RFC 4180 record reader over decoded UTF-8 bytes.
///
/// A cell the writer guarded against formula injection (`'=x`) is returned as it was before
/// (`=x`); see ``CSVFormulaGuard``.
///
/// Works on a byte buffer: each record is parsed from its first byte; when the buffer ends inside
/// a record, the partial record is moved to the front, more text is decoded behind it and the
/// record is parsed again. Records longer than the buffer grow it up to `maximumRecordBytes`.
final class CSVRecordReader {
    private static let initialCapacity = (1 << 20) + 64 << 10
    private static let minimumFree = 64 << 10
    /// One record may not exceed this; past it the file is almost surely missing a closing quote.
    static let maximumRecordBytes = 256 << 20

    private let decoder: StreamDecoder
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var position = 0
    private var end = 0
    private var atEOF = false
    private var decodeFailed = false
    private var delimiter: UInt8 = UInt8(ascii: ",")
    private var delimiterDecided = false
    private var scratch: [UInt8] = []
    private var expectedCells = 8
    /// Number of the last record returned (records with embedded line breaks count once).
    private(set) var recordNumber = 0
    private var consumedBytes: Int64 = 0

    init(source: any ByteSource) throws(FileError) {
        decoder = StreamDecoder(source: source)
        capacity = Self.initialCapacity
        buffer = .allocate(capacity: capacity)
        // Decode the first chunk now, so the encoding is known right after opening.
        try refill()
    }

    deinit { buffer.deallocate() }

    var encoding: TextEncoding? { decoder.encoding }
    var bytesRead: Int64 { decoder.bytesRead }
    var totalBytes: Int64? { decoder.totalBytes }
    var separator: UInt8 { delimiter }

    /// The next record with its number, or nil at the end of the file.
    func nextRecord() throws(FileError) -> (number: Int, cells: [String])? {
        while true {
            if position == end {
                if atEOF { return nil }
                try refill()
                continue
            }
            if !delimiterDecided { decideDelimiter() }
            var cells: [String] = []
            cells.reserveCapacity(expectedCells)
            let outcome = Self.parseRecord(
                UnsafeBufferPointer(start: buffer, count: end), from: position, atEOF: atEOF,
                delimiter: delimiter, cells: &cells, scratch: &scratch)
            switch outcome {
            case .record(let next):
                position = next
                recordNumber += 1
                expectedCells = cells.count
                // Undo the writer's formula guard and its identifier tab, so an export reads back
                // as it was.
                for i in cells.indices where cells[i].utf8.first == CSVFormulaGuard.apostrophe || cells[i].utf8.first == 0x09 {
                    cells[i] = CSVFormulaGuard.unguarded(cells[i])
                }
                return (recordNumber, cells)
            case .needMore:
                try refill()
            case .unterminatedQuote:
                throw FileError.malformedCSV(row: recordNumber + 1, reason: "引号未闭合（以双引号开头的单元格缺少结尾的双引号）")
            }
        }
    }

    /// Tab-separated when the first line has tabs and no commas (Excel's "Unicode text").
    private func decideDelimiter() {
        delimiterDecided = true
        var sawTab = false
        var i = position
        while i < end {
            let b = buffer[i]
            if b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: ",") { return }
            if b == 0x09 { sawTab = true }
            i += 1
        }
        if sawTab { delimiter = 0x09 }
    }

    /// Keeps the unread part, then decodes more behind it; sets `atEOF` when nothing is left.
    private func refill() throws(FileError) {
        if decodeFailed {
            throw FileError.unreadableEncoding(line: recordNumber + 1)
        }
        let pending = end - position
        if position > 0 {
            if pending > 0 { buffer.update(from: buffer + position, count: pending) }
            consumedBytes += Int64(position)
            position = 0
            end = pending
        }
        if capacity - end < Self.minimumFree {
            guard capacity < Self.maximumRecordBytes else {
                throw FileError.malformedCSV(
                    row: recordNumber + 1,
                    reason: "单行内容超过 \(Self.maximumRecordBytes >> 20) MiB，可能是引号未闭合")
            }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while true {
            let step = try decoder.decode(into: UnsafeMutableBufferPointer(start: buffer + end, count: capacity - end))
            switch step {
            case .bytes(let n):
                end += n
                return
            case .end:
                atEOF = true
                return
            case .failure:
                decodeFailed = true
                if end > position { return }   // let the caller use what decoded cleanly
                throw FileError.unreadableEncoding(line: recordNumber + 1)
            }
        }
    }

    enum Outcome {
        case record(next: Int)
        case needMore
        case unterminatedQuote
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09

    /// Parses one record starting at `start`. Unquoted cells are trimmed of spaces (and tabs
    /// when tab is not the separator); quoted cells keep their content exactly, `""` becomes `"`.
    /// Text after a closing quote up to the next separator is appended, as Excel does.
    static func parseRecord(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool, delimiter d: UInt8,
                            cells: inout [String], scratch: inout [UInt8]) -> Outcome {
        let end = buf.count
        let trimTab = d != tab
        var i = start
        while true {
            var j = i
            while j < end, buf[j] == space || (trimTab && buf[j] == tab) { j += 1 }
            if j < end && buf[j] == quote {
                scratch.removeAll(keepingCapacity: true)
                var k = j + 1
                var segment = k
                while true {
                    while k < end && buf[k] != quote { k += 1 }
                    if k >= end { return atEOF ? .unterminatedQuote : .needMore }
                    if k + 1 < end {
                        if buf[k + 1] == quote {
                            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment...k]))
                            k += 2
                            segment = k
                            continue
                        }
                    } else if !atEOF {
                        return .needMore
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment..<k]))
                    k += 1
                    break
                }
                var m = k
                while m < end {
                    let b = buf[m]
                    if b == d || b == lf || b == cr { break }
                    m += 1
                }
                if m >= end && !atEOF { return .needMore }
                var a = k
                var e = m
                while a < e && (buf[a] == space || (trimTab && buf[a] == tab)) { a += 1 }
                while e > a && (buf[e - 1] == space || (trimTab && buf[e - 1] == tab)) { e -= 1 }
                if a < e { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[a..<e])) }
                cells.append(String(decoding: scratch, as: UTF8.self))
                i = m
            } else {
                var k = j
                while k < end {
                    let b = buf[k]
                    if b == d || b == lf || b == cr { break }
                    k += 1
                }
                if k >= end && !atEOF { return .needMore }
                var e = k
                while e > j && (buf[e - 1] == space || (trimTab && buf[e - 1] == tab)) { e -= 1 }
                cells.append(e > j ? String(decoding: UnsafeBufferPointer(rebasing: buf[j..<e]), as: UTF8.self) : "")
                i = k
            }
            if i >= end { return .record(next: end) }
            let b = buf[i]
            if b == d {
                i += 1
                continue
            }
            if b == lf { return .record(next: i + 1) }
            // CR, alone (old Mac) or as part of CRLF.
            if i + 1 < end { return .record(next: buf[i + 1] == lf ? i + 2 : i + 1) }
            return atEOF ? .record(next: i + 1) : .needMore
        }
    }
}
