import Foundation

/// Text encoding of a CSV file, as detected when reading or chosen when writing.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 without byte-order mark (pure ASCII files are reported as this).
    case utf8
    /// UTF-8 with byte-order mark, what Excel writes for "CSV UTF-8".
    case utf8BOM
    /// GB18030, a superset of GBK and GB2312: what Chinese Excel writes for plain "CSV".
    case gb18030
    /// UTF-16 little endian with byte-order mark: Excel's "Unicode text".
    case utf16LE
    /// UTF-16 big endian with byte-order mark.
    case utf16BE

    /// A short name for messages and reports.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8BOM: "UTF-8（带 BOM）"
        case .gb18030: "GBK/GB18030"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        }
    }
}

/// The container format of a table file.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv
    case xlsx
}

/// One non-empty row of a table file.
public struct TableRow: Sendable, Equatable, Hashable {
    /// 1-based row number as a spreadsheet user sees it: the header is row 1. For CSV a record
    /// with line breaks inside quotes still counts as one row.
    public let number: Int
    /// The cells in column order. A row may be shorter or longer than the header; missing
    /// trailing cells mean empty.
    public let cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at `index`, or an empty string past the end of the row.
    public subscript(index: Int) -> String {
        index >= 0 && index < cells.count ? cells[index] : ""
    }
}

/// Errors reading or writing table files; `message` is meant for the person who supplied the file.
public enum FileError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The bytes around this row decode neither as UTF-8 nor as GBK/GB18030.
    case unreadableEncoding(line: Int)
    /// The CSV structure is broken at this row (unterminated quote, oversized record).
    case malformedCSV(row: Int, reason: String)
    /// The file is not a readable XLSX workbook; the payload says why.
    case notAnXLSX(String)
    /// The workbook contains no worksheet.
    case missingSheet
    /// An operating-system level failure opening, reading or writing a file.
    case io(String)
    /// An XLSX sheet can hold at most 1,048,576 rows; the payload is the number requested.
    case tooManyRowsForXLSX(Int)

    /// A message in Chinese for the person who supplied or asked for the file.
    public var message: String {
        switch self {
        case .unreadableEncoding(let line):
            "文件第 \(line) 行无法按 UTF-8 或 GBK/GB18030 解码，请另存为 UTF-8 或 GBK 编码的 CSV"
        case .malformedCSV(let row, let reason):
            "CSV 文件第 \(row) 行格式错误：\(reason)"
        case .notAnXLSX(let reason):
            "无法读取 Excel 文件：\(reason)。请确认是 .xlsx 格式，或另存为 CSV"
        case .missingSheet:
            "Excel 文件中没有工作表"
        case .io(let reason):
            "文件读写失败：\(reason)"
        case .tooManyRowsForXLSX(let rows):
            "共 \(rows) 行，超过 Excel 单个工作表 \(XLSXLimits.maxRows) 行的上限，请改用 CSV 格式"
        }
    }

    public var description: String { message }
}

extension FileError: LocalizedError {
    public var errorDescription: String? { message }
}

/// Limits of the XLSX format as Excel enforces them.
public enum XLSXLimits {
    /// Rows per worksheet.
    public static let maxRows = 1_048_576
    /// Columns per worksheet (XFD).
    public static let maxColumns = 16_384
    /// Characters (UTF-16 code units) per cell.
    public static let maxCellCharacters = 32_767
}

/// Describes an `errno` value in a message.
func describeErrno(_ code: Int32) -> String {
    String(cString: strerror(code))
}
