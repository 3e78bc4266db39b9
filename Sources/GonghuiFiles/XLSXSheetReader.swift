import Foundation
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook row by row.
///
/// At opening it reads the workbook, its relationships, the styles (to know which cells hold
/// dates) and the shared strings, and inflates the worksheet XML to an unlinked temporary file
/// (to memory when small). Rows are then parsed from that XML as they are asked for.
final class XLSXSheetReader {
    /// Worksheets up to this size (uncompressed XML) are inflated to memory.
    private static let inMemoryLimit: Int64 = 32 << 20

    private let sharedStrings: [String]
    private let dateKinds: [DateKind]
    private let date1904: Bool
    private let parser: XMLPullParser
    private var lastRowNumber = 0
    private var finished = false

    private var expectedCells = 8

    convenience init(url: URL) throws(FileError) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw FileError.notAnXLSX("文件不是有效的 ZIP 压缩包，可能已损坏")
        }
        try self.init(archive: archive)
    }

    convenience init(data: Data) throws(FileError) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw FileError.notAnXLSX("文件不是有效的 ZIP 压缩包，可能已损坏")
        }
        try self.init(archive: archive)
    }

    private init(archive: Archive) throws(FileError) {
        let package = XLSXPackage(archive: archive)

        // The workbook: from the package relationships, else the conventional place.
        var workbookPath = "xl/workbook.xml"
        if let rootRels = try package.relationships(ofPartAt: "") {
            if let main = rootRels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPath = main.target
            }
        }
        guard let workbookEntry = package.entry(workbookPath) else {
            throw FileError.notAnXLSX("压缩包中没有 workbook.xml，不是 Excel 工作簿")
        }
        let workbook = try Self.parseWorkbook(XMLPullParser(source: try package.open(workbookEntry)))
        date1904 = workbook.date1904
        guard let firstSheetID = workbook.firstSheetRelationshipID else { throw FileError.missingSheet }

        let rels = try package.relationships(ofPartAt: workbookPath) ?? []
        var sheetPath = rels.first(where: { $0.id == firstSheetID })?.target
        if sheetPath == nil || package.entry(sheetPath!) == nil {
            sheetPath = "xl/worksheets/sheet1.xml"
        }
        guard let sheetEntry = package.entry(sheetPath!) else { throw FileError.missingSheet }

        let sharedStringsPath = rels.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target ?? "xl/sharedStrings.xml"
        if let entry = package.entry(sharedStringsPath) {
            sharedStrings = try Self.parseSharedStrings(XMLPullParser(source: try package.open(entry)))
        } else {
            sharedStrings = []
        }
        let stylesPath = rels.first(where: { $0.type.hasSuffix("/styles") })?.target ?? "xl/styles.xml"
        if let entry = package.entry(stylesPath) {
            dateKinds = try Self.parseStyles(XMLPullParser(source: try package.open(entry)))
        } else {
            dateKinds = []
        }
        parser = XMLPullParser(source: try package.open(sheetEntry, inMemoryLimit: Self.inMemoryLimit))
    }

    var bytesRead: Int64 { finished ? (parser.totalBytes ?? parser.bytesConsumed) : parser.bytesConsumed }
    var totalBytes: Int64? { parser.totalBytes }

    // MARK: Rows

    private enum CellType { case number, shared, inline, string, boolean, error, isoDate }

    func nextRow() throws(FileError) -> TableRow? {
        if finished { return nil }
        var cells: [String] = []
        var inRow = false
        var inCell = false
        var inInline = false
        var inPhonetic = false
        var column = 0
        var cellType = CellType.number
        var style = 0
        var rowNumber = 0
        var valueBytes: [UInt8] = []
        valueBytes.reserveCapacity(64)
        while true {
            let event = try parser.next()
            switch event {
            case .start(.row):
                rowNumber = parser.integerAttribute("r") ?? (lastRowNumber + 1)
                cells = []
                cells.reserveCapacity(expectedCells)
                inRow = true
            case .start(.c) where inRow:
                inCell = true
                let referenced: Int? = parser.withAttribute("r", Self.columnIndex) ?? nil
                column = referenced ?? cells.count
                style = parser.integerAttribute("s") ?? 0
                cellType = parser.withAttribute("t", Self.cellType) ?? .number
                valueBytes.removeAll(keepingCapacity: true)
            case .start(.v) where inCell:
                parser.captureText = true
            case .end(.v):
                parser.captureText = false
            case .start(.is) where inCell:
                inInline = true
            case .end(.is):
                inInline = false
            case .start(.rPh):
                inPhonetic = true
                parser.captureText = false
            case .end(.rPh):
                inPhonetic = false
            case .start(.t) where inInline && !inPhonetic:
                parser.captureText = true
            case .end(.t):
                parser.captureText = false
            case .start(.f):
                // Formulas are not values; their cached result is in <v>.
                try parser.skipElement()
            case .text:
                valueBytes.append(contentsOf: parser.text)
            case .end(.c) where inCell:
                inCell = false
                parser.captureText = false
                guard column < XLSXLimits.maxColumns else { continue }
                let value = cellText(valueBytes, type: cellType, style: style)
                if column < cells.count {
                    cells[column] = value
                } else {
                    if column > cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count)) }
                    cells.append(value)
                }
            case .end(.row) where inRow:
                inRow = false
                lastRowNumber = rowNumber
                while let last = cells.last, last.isEmpty { cells.removeLast() }
                if !cells.isEmpty {
                    expectedCells = cells.count
                    return TableRow(number: rowNumber, cells: cells)
                }
            case .end(.sheetData), .eof:
                finished = true
                return nil
            default:
                break
            }
        }
    }

    private func cellText(_ valueBytes: [UInt8], type: CellType, style: Int) -> String {
        switch type {
        case .shared:
            guard let index = Self.parseIndex(valueBytes), index < sharedStrings.count else { return "" }
            return sharedStrings[index]
        case .inline, .string, .error:
            return String(decoding: valueBytes, as: UTF8.self)
        case .boolean:
            if valueBytes.isEmpty { return "" }
            return valueBytes == [UInt8(ascii: "1")] || valueBytes == Array("true".utf8) ? "TRUE" : "FALSE"
        case .isoDate:
            // ISO 8601 text, e.g. 2024-03-01T00:00:00: keep the date, and the time when there is one.
            let text = String(decoding: valueBytes, as: UTF8.self)
            guard text.count >= 10 else { return text }
            let time = text.dropFirst(11)
            if time.isEmpty || time.hasPrefix("00:00:00") { return String(text.prefix(10)) }
            return String(text.prefix(10)) + " " + String(time.prefix(8))
        case .number:
            if valueBytes.isEmpty { return "" }
            let kind = style < dateKinds.count ? dateKinds[style] : .none
            if kind != .none, let value = Double(String(decoding: valueBytes, as: UTF8.self)) {
                let fraction = value - value.rounded(.down)
                switch kind {
                case .time:
                    return ExcelDate.isoTime(fraction: fraction)
                case .dateTime where fraction > 0.5 / 86_400:
                    if let date = ExcelDate.isoDate(serial: value, date1904: date1904) {
                        return date + " " + ExcelDate.isoTime(fraction: fraction)
                    }
                default:
                    if let date = ExcelDate.isoDate(serial: value, date1904: date1904) { return date }
                }
            }
            return NumberText.display(valueBytes)
        }
    }

    private static func parseIndex(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count < 12 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// Zero-based column of a cell reference such as "C7" or "$AB$12".
    static func columnIndex(_ ref: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var letters = 0
        for b in ref {
            if b == UInt8(ascii: "$") { continue }
            let upper = b & 0xDF
            guard upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z") else { break }
            value = value * 26 + Int(upper - UInt8(ascii: "A") + 1)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : value - 1
    }

    private static func cellType(_ t: UnsafeBufferPointer<UInt8>) -> CellType {
        switch t.count {
        case 1:
            switch t[0] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3: return memcmp(t.baseAddress!, ("str" as StaticString).utf8Start, 3) == 0 ? .string : .number
        case 9: return memcmp(t.baseAddress!, ("inlineStr" as StaticString).utf8Start, 9) == 0 ? .inline : .number
        default: return .number
        }
    }

    // MARK: Package parts

    private static func parseWorkbook(_ parser: XMLPullParser) throws(FileError) -> (firstSheetRelationshipID: String?, date1904: Bool) {
        var date1904 = false
        var first: String?
        while true {
            switch try parser.next() {
            case .start(.workbookPr):
                if let value = parser.attribute("date1904") { date1904 = value == "1" || value.lowercased() == "true" }
            case .start(.sheet) where first == nil:
                first = parser.attribute("id")
            case .eof:
                return (first, date1904)
            default:
                break
            }
        }
    }

    private static func parseSharedStrings(_ parser: XMLPullParser) throws(FileError) -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inItem = false
        var inPhonetic = false
        while true {
            switch try parser.next() {
            case .start(.si):
                if strings.isEmpty, let count = parser.integerAttribute("uniqueCount") {
                    strings.reserveCapacity(min(count, 4_000_000))
                }
                current.removeAll(keepingCapacity: true)
                inItem = true
            case .end(.si):
                strings.append(String(decoding: current, as: UTF8.self))
                inItem = false
            case .start(.rPh):
                inPhonetic = true
            case .end(.rPh):
                inPhonetic = false
            case .start(.t) where inItem && !inPhonetic:
                parser.captureText = true
            case .end(.t):
                parser.captureText = false
            case .text:
                current.append(contentsOf: parser.text)
            case .eof:
                return strings
            default:
                break
            }
        }
    }

    /// Date kind of each cell format (`cellXfs` index).
    private static func parseStyles(_ parser: XMLPullParser) throws(FileError) -> [DateKind] {
        var custom: [Int: DateKind] = [:]
        var formatIDs: [Int] = []
        var inCellXfs = false
        while true {
            switch try parser.next() {
            case .start(.numFmt):
                if let id = parser.integerAttribute("numFmtId") {
                    custom[id] = DateKind.classify(formatCode: parser.attribute("formatCode") ?? "")
                }
            case .start(.cellXfs):
                inCellXfs = true
            case .end(.cellXfs):
                inCellXfs = false
            case .start(.xf) where inCellXfs:
                formatIDs.append(parser.integerAttribute("numFmtId") ?? 0)
            case .eof:
                return formatIDs.map { custom[$0] ?? DateKind.builtIn($0) }
            default:
                break
            }
        }
    }
}

/// The ZIP container of an OOXML package: entry lookup, relationships, extraction.
struct XLSXPackage {
    struct Relationship {
        var id: String
        var type: String
        /// Absolute part path inside the package, without a leading slash.
        var target: String
    }

    let archive: Archive

    /// The entry at `path`, matching case-insensitively as Excel does.
    func entry(_ path: String) -> Entry? {
        let clean = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if let entry = archive[clean] { return entry }
        let lowered = clean.lowercased()
        return archive.first { $0.path.lowercased() == lowered }
    }

    /// Relationships of the part at `partPath` ("" for the package itself), nil when there are none.
    func relationships(ofPartAt partPath: String) throws(FileError) -> [Relationship]? {
        let directory = (partPath as NSString).deletingLastPathComponent
        let name = (partPath as NSString).lastPathComponent
        let relsPath = directory.isEmpty ? "_rels/\(name).rels" : "\(directory)/_rels/\(name).rels"
        guard let entry = entry(relsPath) else { return nil }
        let parser = XMLPullParser(source: try open(entry))
        var result: [Relationship] = []
        while true {
            switch try parser.next() {
            case .start(.relationship):
                if parser.attribute("TargetMode") == "External" { continue }
                guard let id = parser.attribute("Id"), let target = parser.attribute("Target") else { continue }
                result.append(Relationship(id: id, type: parser.attribute("Type") ?? "",
                                           target: Self.resolve(target, relativeTo: directory)))
            case .eof:
                return result
            default:
                break
            }
        }
    }

    /// Resolves a relationship target against the directory of its source part.
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        var components: [Substring] = []
        let absolute = target.hasPrefix("/")
        if !absolute {
            components = directory.split(separator: "/")
        }
        for part in target.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !components.isEmpty { components.removeLast() }
                continue
            }
            components.append(part)
        }
        return components.joined(separator: "/")
    }

    /// A byte source over the inflated entry: memory up to `inMemoryLimit`, else an unlinked temp file.
    func open(_ entry: Entry, inMemoryLimit: Int64 = 64 << 20) throws(FileError) -> any ByteSource {
        do {
            if entry.uncompressedSize <= inMemoryLimit {
                var data = Data()
                data.reserveCapacity(Int(entry.uncompressedSize))
                _ = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: true) { chunk in
                    data.append(chunk)
                }
                return DataByteSource(data)
            }
            let fd = try AnonymousTempFile.create()
            var size: Int64 = 0
            do {
                _ = try archive.extract(entry, bufferSize: 256 << 10, skipCRC32: true) { chunk in
                    try chunk.withUnsafeBytes { raw in try AnonymousTempFile.writeAll(fd, raw) }
                    size += Int64(chunk.count)
                }
            } catch {
                close(fd)
                throw error
            }
            lseek(fd, 0, SEEK_SET)
            return FileByteSource(descriptor: fd, totalBytes: size)
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError.notAnXLSX("无法解压 \(entry.path)，文件可能已损坏")
        }
    }
}
