import Foundation

/// Reads the rows of a CSV or XLSX table one at a time.
///
/// CSV is streamed: memory stays at a few MiB whatever the file size. For XLSX the first
/// worksheet is inflated to a temporary file (or memory when small) and parsed as it is read;
/// only the shared-strings table is held in memory.
///
/// Not thread-safe: use one reader from one task.
public final class TableReader {
    public let format: TableFormat

    private enum Backend {
        case csv(CSVRecordReader)
        case xlsx(XLSXSheetReader)
    }

    private let backend: Backend

    /// Opens a file: `.csv`/`.txt`/`.tsv` as CSV, `.xlsx` as XLSX, anything else by its first bytes.
    /// A file that starts like a ZIP archive is read as XLSX whatever its extension says.
    public init(url: URL) throws(FileError) {
        let path = url.path
        let ext = url.pathExtension.lowercased()
        let head = try FileByteSource.peek(path: path, count: 8)
        if Self.isOLE2(head) { throw FileError.notAnXLSX("这是旧版 Excel（.xls）文件或加密的工作簿，请在 Excel 中另存为 .xlsx 或 CSV") }
        let looksLikeZIP = head.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if ext == "xls" && !looksLikeZIP {
            // Many systems export an HTML or text table under an .xls name.
            throw FileError.notAnXLSX("扩展名是 .xls，但内容不是 Excel 工作簿（可能是网页或文本格式），请在 Excel 中另存为 .xlsx 或 CSV")
        }
        if looksLikeZIP || ext == "xlsx" || ext == "xlsm" {
            guard looksLikeZIP else {
                throw FileError.notAnXLSX(head.isEmpty ? "文件为空" : "文件内容不是 XLSX（ZIP）格式")
            }
            format = .xlsx
            backend = .xlsx(try XLSXSheetReader(url: url))
        } else {
            format = .csv
            backend = .csv(try CSVRecordReader(source: try FileByteSource(path: path)))
        }
    }

    /// Reads an uploaded CSV held in memory.
    public init(csvData: Data) throws(FileError) {
        format = .csv
        backend = .csv(try CSVRecordReader(source: DataByteSource(csvData)))
    }

    /// Reads an uploaded XLSX held in memory.
    public init(xlsxData: Data) throws(FileError) {
        let head = [UInt8](xlsxData.prefix(8))
        if Self.isOLE2(head) { throw FileError.notAnXLSX("这是旧版 Excel（.xls）文件或加密的工作簿，请在 Excel 中另存为 .xlsx 或 CSV") }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw FileError.notAnXLSX(head.isEmpty ? "文件为空" : "文件内容不是 XLSX（ZIP）格式")
        }
        format = .xlsx
        backend = .xlsx(try XLSXSheetReader(data: xlsxData))
    }

    /// Reads an upload whose format is known only from its name (e.g. `花名册.xlsx`) or its bytes.
    public convenience init(data: Data, fileName: String?) throws(FileError) {
        let ext = fileName.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        if data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]) || ext == "xlsx" || ext == "xls" {
            try self.init(xlsxData: data)
        } else {
            try self.init(csvData: data)
        }
    }

    private static func isOLE2(_ head: [UInt8]) -> Bool {
        head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Detected text encoding (CSV only). It can change from `.utf8` to `.gb18030` while reading
    /// when the first megabyte was pure ASCII.
    public var encoding: TextEncoding? {
        if case .csv(let reader) = backend { return reader.encoding }
        return nil
    }

    /// The CSV separator in use (comma, or tab for tab-separated files); nil for XLSX.
    public var csvSeparator: Character? {
        if case .csv(let reader) = backend { return Character(Unicode.Scalar(reader.separator)) }
        return nil
    }

    /// Bytes of the input consumed so far (for XLSX: of the inflated worksheet XML), for progress.
    public var bytesRead: Int64 {
        switch backend {
        case .csv(let reader): reader.bytesRead
        case .xlsx(let reader): reader.bytesRead
        }
    }

    /// Size of the input that `bytesRead` counts towards, when known.
    public var totalBytes: Int64? {
        switch backend {
        case .csv(let reader): reader.totalBytes
        case .xlsx(let reader): reader.totalBytes
        }
    }

    /// The first non-empty row, each cell trimmed of whitespace and any byte-order mark; nil for an empty file.
    public func readHeader() throws(FileError) -> [String]? {
        guard let row = try nextRow() else { return nil }
        return row.cells.map { cell in
            var text = Substring(cell)
            while let first = text.unicodeScalars.first, first == "\u{FEFF}" || Self.isTrimmable(first) {
                text = Substring(text.unicodeScalars.dropFirst())
            }
            while let last = text.unicodeScalars.last, Self.isTrimmable(last) {
                text = Substring(text.unicodeScalars.dropLast())
            }
            return String(text)
        }
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}" || scalar == "\u{200B}"
    }

    /// The next row that has at least one non-empty cell; nil at the end of the table.
    public func nextRow() throws(FileError) -> TableRow? {
        switch backend {
        case .csv(let reader):
            while let record = try reader.nextRecord() {
                if record.cells.contains(where: { !$0.isEmpty }) {
                    return TableRow(number: record.number, cells: record.cells)
                }
            }
            return nil
        case .xlsx(let reader):
            return try reader.nextRow()
        }
    }
}
