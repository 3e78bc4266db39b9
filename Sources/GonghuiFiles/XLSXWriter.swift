import Foundation
import ZIPFoundation

/// One cell of an XLSX row.
public enum XLSXCell: Sendable, Equatable, Hashable {
    /// Text, kept exactly (ID numbers, leading zeros); the cell is formatted as text ("@").
    case text(String)
    case number(Double)
    case integer(Int64)
    /// A decimal number given exactly as text, e.g. "0.8123" or "-12.50"; written as a number.
    /// Text that is not a plain decimal number is written as text.
    case decimal(String)
    /// A civil date "YYYY-MM-DD", written as an Excel date shown as yyyy-mm-dd.
    /// Text that is not such a date is written as text.
    case date(String)
    case empty
}

/// Builds a single-sheet XLSX workbook that Excel, WPS and LibreOffice open without repair.
///
/// Rows are turned into sheet XML as they are added, and that XML is kept in memory only up to a
/// few MiB and then in an unlinked temporary file, so exports of a million rows do not grow the
/// process. Call in sheet order: `setTitle`, `addHeaderGroups`, `addHeader`, `addRow`…,
/// `addTotalsRow`. Errors (too many rows, temporary-file failures) surface from `write(to:)` and
/// `data()`. Not thread-safe: use one writer from one task.
public final class XLSXWriter {
    private enum Style: Int {
        case plain = 0, title, header, date, text, number, totalsText, totalsNumber, totalsDate
    }

    private let sheetName: String
    private let sheetData = SpillBuffer()
    private var rowBytes: [UInt8] = []

    /// Rows requested so far (title and header rows included).
    public private(set) var rowCount = 0
    private var columnCount = 0
    private var merges: [String] = []
    private var frozenRows = 0
    private var explicitWidths: [Double]?
    private var measuredWidths: [Double] = []
    private var measuredRows = 0
    private var pendingGroups: [(title: String, span: Int)]?

    public init(sheetName: String) {
        self.sheetName = Self.sanitizedSheetName(sheetName)
    }

    // MARK: Rows

    /// A first row with `title`, bold and larger, merged across `span` columns.
    public func setTitle(_ title: String, span: Int) {
        flushPendingGroups(header: nil)
        let row = nextRowNumber()
        let span = max(1, min(span, XLSXLimits.maxColumns))
        var cells = [(XLSXCell.text(title), Style.title)]
        cells += repeatElement((XLSXCell.empty, Style.title), count: span - 1)
        emit(cells, row: row, height: 28, measure: false)
        if span > 1 { merges.append("A\(row):\(Self.columnName(span - 1))\(row)") }
    }

    /// A row of group titles above the header, each merged across `span` columns. A group with an
    /// empty title leaves its columns to the header below, whose cells are then merged over both rows.
    public func addHeaderGroups(_ groups: [(title: String, span: Int)]) {
        flushPendingGroups(header: nil)
        pendingGroups = groups
    }

    /// A two-row header: `groups` above `header`.
    public func addMergedHeader(groups: [(title: String, span: Int)], header: [String]) {
        addHeaderGroups(groups)
        addHeader(header)
    }

    /// The column header: bold on a fill, with the panes frozen below it.
    public func addHeader(_ cells: [String]) {
        var vertical = Set<Int>()
        if pendingGroups != nil {
            vertical = flushPendingGroups(header: cells)
        }
        let row = nextRowNumber()
        let styled = cells.enumerated().map { index, text in
            (XLSXCell.text(vertical.contains(index) ? "" : text), Style.header)
        }
        emit(styled, row: row, height: nil, measure: true)
        frozenRows = row
    }

    /// A data row: text left-aligned as text, numbers right-aligned, dates as dates.
    public func addRow(_ cells: [XLSXCell]) {
        flushPendingGroups(header: nil)
        let row = nextRowNumber()
        emit(cells.map { ($0, Self.dataStyle(for: $0, totals: false)) }, row: row, height: nil,
             measure: measuredRows < 1000)
        measuredRows += 1
    }

    /// A data row of text cells.
    public func addRow(texts: [String]) {
        addRow(texts.map { XLSXCell.text($0) })
    }

    /// A bold totals row.
    public func addTotalsRow(_ cells: [XLSXCell]) {
        flushPendingGroups(header: nil)
        let row = nextRowNumber()
        emit(cells.map { ($0, Self.dataStyle(for: $0, totals: true)) }, row: row, height: nil, measure: true)
    }

    /// Column widths in Excel's units (about one digit each; a Chinese character needs about two).
    /// Without this, widths are estimated from the header and the first thousand rows.
    public func setColumnWidths(_ widths: [Double]) {
        explicitWidths = widths
    }

    private func nextRowNumber() -> Int {
        rowCount += 1
        return rowCount
    }

    private static func dataStyle(for cell: XLSXCell, totals: Bool) -> Style {
        switch cell {
        case .text, .empty: totals ? .totalsText : .text
        case .number, .integer, .decimal: totals ? .totalsNumber : .number
        case .date: totals ? .totalsDate : .date
        }
    }

    /// Writes a pending group row; returns the columns merged vertically into the header.
    @discardableResult
    private func flushPendingGroups(header: [String]?) -> Set<Int> {
        guard let groups = pendingGroups else { return [] }
        pendingGroups = nil
        let row = nextRowNumber()
        var cells: [(XLSXCell, Style)] = []
        var vertical = Set<Int>()
        var column = 0
        for group in groups {
            let span = max(1, group.span)
            if group.title.isEmpty, let header {
                for c in column..<(column + span) {
                    let text = c < header.count ? header[c] : ""
                    cells.append((.text(text), .header))
                    vertical.insert(c)
                    merges.append("\(Self.columnName(c))\(row):\(Self.columnName(c))\(row + 1)")
                }
            } else {
                cells.append((.text(group.title), .header))
                cells += repeatElement((XLSXCell.empty, Style.header), count: span - 1)
                if span > 1 {
                    merges.append("\(Self.columnName(column))\(row):\(Self.columnName(column + span - 1))\(row)")
                }
            }
            column += span
        }
        emit(cells, row: row, height: nil, measure: false)
        // Vertically merged header texts sit in this row; measure them here.
        for c in vertical where c < (header?.count ?? 0) {
            measure(XLSXCell.text(header![c]), column: c)
        }
        frozenRows = row
        return vertical
    }

    // MARK: Sheet XML

    private func emit(_ cells: [(XLSXCell, Style)], row: Int, height: Double?, measure shouldMeasure: Bool) {
        guard row <= XLSXLimits.maxRows else { return }
        let cells = cells.count > XLSXLimits.maxColumns ? Array(cells.prefix(XLSXLimits.maxColumns)) : cells
        columnCount = max(columnCount, cells.count)
        if shouldMeasure {
            for (index, (cell, _)) in cells.enumerated() { measure(cell, column: index) }
        }
        // Build in a local buffer: appends to a class property would each pay an exclusivity check.
        var out: [UInt8] = []
        swap(&out, &rowBytes)
        defer { swap(&out, &rowBytes) }
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: #"<row r=""#.utf8)
        Self.appendDecimal(row, to: &out)
        if let height {
            out.append(contentsOf: #"" ht=""#.utf8)
            out.append(contentsOf: NumberText.format(height).utf8)
            out.append(contentsOf: #"" customHeight="1"#.utf8)
        }
        out.append(contentsOf: "\">".utf8)
        var rowDigits: [UInt8] = []
        Self.appendDecimal(row, to: &rowDigits)
        for index in cells.indices {
            let (cell, style) = cells[index]
            out.append(contentsOf: #"<c r=""#.utf8)
            Self.appendColumnName(index, to: &out)
            out.append(contentsOf: rowDigits)
            out.append(UInt8(ascii: "\""))
            if style != .plain {
                out.append(contentsOf: #" s=""#.utf8)
                Self.appendDecimal(style.rawValue, to: &out)
                out.append(UInt8(ascii: "\""))
            }
            switch cell {
            case .empty:
                out.append(contentsOf: "/>".utf8)
            case .text(let text):
                Self.appendInlineString(text, to: &out)
            case .number(let value):
                if value.isFinite {
                    Self.appendValue(NumberText.format(value), to: &out)
                } else {
                    out.append(contentsOf: "/>".utf8)
                }
            case .integer(let value):
                Self.appendValue(String(value), to: &out)
            case .decimal(let text):
                if let normalized = Self.normalizedDecimal(text) {
                    Self.appendValue(normalized, to: &out)
                } else {
                    Self.appendInlineString(text, to: &out)
                }
            case .date(let text):
                if let date = ExcelDate.parseISODate(text), date.year >= 1900 {
                    Self.appendValue(String(ExcelDate.serial(year: date.year, month: date.month, day: date.day)), to: &out)
                } else {
                    Self.appendInlineString(text, to: &out)
                }
            }
        }
        out.append(contentsOf: "</row>".utf8)
        sheetData.append(out)
    }

    private static func appendValue(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: "><v>".utf8)
        out.append(contentsOf: text.utf8)
        out.append(contentsOf: "</v></c>".utf8)
    }

    private static func appendInlineString(_ text: String, to out: inout [UInt8]) {
        guard !text.isEmpty else {
            out.append(contentsOf: "/>".utf8)
            return
        }
        let text = truncatedForCell(text)
        out.append(contentsOf: #" t="inlineStr"><is><t"#.utf8)
        if let first = text.utf8.first, let last = text.utf8.last, isXMLSpace(first) || isXMLSpace(last) {
            out.append(contentsOf: #" xml:space="preserve""#.utf8)
        }
        out.append(UInt8(ascii: ">"))
        XMLText.appendEscaped(text, to: &out)
        out.append(contentsOf: "</t></is></c>".utf8)
    }

    private static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func truncatedForCell(_ text: String) -> String {
        guard text.utf8.count > XLSXLimits.maxCellCharacters,
              text.utf16.count > XLSXLimits.maxCellCharacters else { return text }
        var result = String.UnicodeScalarView()
        var units = 0
        for scalar in text.unicodeScalars {
            units += scalar.utf16.count
            if units > XLSXLimits.maxCellCharacters { break }
            result.append(scalar)
        }
        return String(result)
    }

    /// The number itself when `text` is a plain decimal ("-12.50", "3", "1.5E-3"), else nil.
    static func normalizedDecimal(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        while let f = bytes.first, f == 0x20 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 { bytes.removeLast() }
        var i = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
        let signEnd = i
        var digits = 0
        while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1; digits += 1 }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { i += 1 }
            let expStart = i
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == bytes.count else { return nil }
        if signEnd == 1 && bytes[0] == UInt8(ascii: "+") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: ".") { bytes.insert(UInt8(ascii: "0"), at: 0) }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "-"), bytes[1] == UInt8(ascii: ".") {
            bytes.insert(UInt8(ascii: "0"), at: 1)
        }
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func measure(_ cell: XLSXCell, column: Int) {
        let width: Double
        switch cell {
        case .empty: return
        case .text(let text):
            var longest = 0
            var current = 0
            for scalar in text.unicodeScalars {
                if scalar == "\n" { longest = max(longest, current); current = 0; continue }
                current += scalar.value >= 0x1100 ? 2 : 1
            }
            width = Double(max(longest, current))
        case .number(let value): width = Double(NumberText.format(value).count)
        case .integer(let value): width = Double(String(value).count)
        case .decimal(let text): width = Double(text.count)
        case .date: width = 10
        }
        while measuredWidths.count <= column { measuredWidths.append(0) }
        measuredWidths[column] = max(measuredWidths[column], width)
    }

    private func columnWidths() -> [Double] {
        if let explicitWidths { return explicitWidths }
        return measuredWidths.map { min(max($0 + 2, 6), 60) }
    }

    private func sheetPrefix() -> [UInt8] {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        let lastRow = min(rowCount, XLSXLimits.maxRows)
        if lastRow > 0 && columnCount > 0 {
            xml += #"<dimension ref="A1:\#(Self.columnName(columnCount - 1))\#(lastRow)"/>"#
        } else {
            xml += #"<dimension ref="A1"/>"#
        }
        xml += #"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#
        if frozenRows > 0 && frozenRows < XLSXLimits.maxRows {
            let top = "A\(frozenRows + 1)"
            xml += #"<pane ySplit="\#(frozenRows)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="\#(top)" sqref="\#(top)"/>"#
        }
        xml += "</sheetView></sheetViews>"
        xml += #"<sheetFormatPr defaultRowHeight="15"/>"#
        let widths = columnWidths()
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() where index < XLSXLimits.maxColumns && width > 0 {
                let w = NumberText.format((min(width, 255) * 100).rounded() / 100)
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(w)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        return Array(xml.utf8)
    }

    private func sheetSuffix() -> [UInt8] {
        var xml = "</sheetData>"
        let valid = merges.filter { ref in
            guard let row = Int(ref.split(separator: ":").last!.drop(while: { $0.isLetter })) else { return false }
            return row <= XLSXLimits.maxRows
        }
        if !valid.isEmpty {
            xml += #"<mergeCells count="\#(valid.count)">"#
            for ref in valid { xml += #"<mergeCell ref="\#(ref)"/>"# }
            xml += "</mergeCells>"
        }
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return Array(xml.utf8)
    }

    // MARK: Package

    /// Writes the workbook to `url` (through a temporary file in the same directory, then renamed).
    public func write(to url: URL) throws(FileError) {
        try checkWritable()
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            try addParts(to: archive)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? FileError { throw error }
            throw FileError.io("无法写入 Excel 文件 \(url.path)（\(error)）")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw FileError.io("无法写入 Excel 文件 \(url.path)（\(describeErrno(code))）")
        }
    }

    /// The workbook as bytes, for small exports sent over HTTP.
    public func data() throws(FileError) -> Data {
        try checkWritable()
        do {
            let archive = try Archive(accessMode: .create)
            try addParts(to: archive)
            guard let data = archive.data else { throw FileError.io("无法生成 Excel 文件") }
            return data
        } catch {
            if let error = error as? FileError { throw error }
            throw FileError.io("无法生成 Excel 文件（\(error)）")
        }
    }

    private func checkWritable() throws(FileError) {
        flushPendingGroups(header: nil)
        if rowCount > XLSXLimits.maxRows { throw FileError.tooManyRowsForXLSX(rowCount) }
        if let error = sheetData.error { throw error }
    }

    private func addParts(to archive: Archive) throws {
        let modified = Date()
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: modified, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        try add("[Content_Types].xml", Self.contentTypes)
        try add("_rels/.rels", Self.rootRelationships)
        try add("docProps/app.xml", Self.appProperties)
        try add("xl/workbook.xml", workbookXML())
        try add("xl/_rels/workbook.xml.rels", Self.workbookRelationships)
        try add("xl/styles.xml", Self.stylesXML)

        let prefix = sheetPrefix()
        let suffix = sheetSuffix()
        let bodyCount = sheetData.count
        let total = Int64(prefix.count) + bodyCount + Int64(suffix.count)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: total,
                             modificationDate: modified, compressionMethod: .deflate,
                             bufferSize: 256 << 10) { position, size in
            var chunk = Data(capacity: size)
            var at = position
            let end = min(position + Int64(size), total)
            while at < end {
                if at < Int64(prefix.count) {
                    let upper = Int(min(end, Int64(prefix.count)))
                    chunk.append(contentsOf: prefix[Int(at)..<upper])
                    at = Int64(upper)
                } else if at < Int64(prefix.count) + bodyCount {
                    let offset = at - Int64(prefix.count)
                    let count = Int(min(end - at, bodyCount - offset))
                    chunk.append(try self.sheetData.read(at: offset, count: count))
                    at += Int64(count)
                } else {
                    let offset = Int(at - Int64(prefix.count) - bodyCount)
                    let upper = Int(min(end - at, Int64(suffix.count - offset))) + offset
                    chunk.append(contentsOf: suffix[offset..<upper])
                    at += Int64(upper - offset)
                }
            }
            return chunk
        }
    }

    private func workbookXML() -> String {
        var name: [UInt8] = []
        XMLText.appendEscaped(sheetName, to: &name)
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + #"<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>"#
            + #"<sheets><sheet name="\#(String(decoding: name, as: UTF8.self))" sheetId="1" r:id="rId1"/></sheets>"#
            + "</workbook>"
    }

    private static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        + "</Types>"

    private static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    private static let appProperties = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>Gonghui</Application></Properties>"

    private static let workbookRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + "</Relationships>"

    /// Cell formats, indexed by `Style`.
    private static let stylesXML = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        + #"<fonts count="3">"#
        + #"<font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>"#
        + #"<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>"#
        + #"<font><b/><sz val="14"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>"#
        + "</fonts>"
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        + #"<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>"#
        + #"<top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="9">"#
        // plain
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        // title
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#
        // header
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#
        // date
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        // text
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        // number
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>"#
        // totals text
        + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>"#
        // totals number
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>"#
        // totals date
        + #"<xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>"#
        + #"<dxfs count="0"/><tableStyles count="0"/>"#
        + "</styleSheet>"

    // MARK: Names

    /// Excel's rules: at most 31 characters, none of : \ / ? * [ ], not blank, no leading or trailing apostrophe.
    static func sanitizedSheetName(_ name: String) -> String {
        var cleaned = String(name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case ":", "\\", "/", "?", "*", "[", "]": return "_"
            default: return scalar.value < 0x20 ? " " : Character(scalar)
            }
        })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        if cleaned.utf16.count > 31 {
            var limited = ""
            for character in cleaned {
                if limited.utf16.count + character.utf16.count > 31 { break }
                limited.append(character)
            }
            cleaned = limited
        }
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }

    /// "A", "B", …, "Z", "AA", … for a zero-based column index.
    public static func columnName(_ index: Int) -> String {
        var bytes: [UInt8] = []
        appendColumnName(index, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendColumnName(_ index: Int, to out: inout [UInt8]) {
        var n = index + 1
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        while n > 0 && count < 3 {
            let letter = UInt8(ascii: "A") + UInt8((n - 1) % 26)
            switch count {
            case 0: letters.0 = letter
            case 1: letters.1 = letter
            default: letters.2 = letter
            }
            n = (n - 1) / 26
            count += 1
        }
        if count > 2 { out.append(letters.2) }
        if count > 1 { out.append(letters.1) }
        out.append(letters.0)
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        out.append(contentsOf: String(value).utf8)
    }
}

/// XML text escaping for the writer.
enum XMLText {
    /// Appends `text` escaped for element content and attribute values, dropping characters XML 1.0
    /// forbids (controls other than tab and line feed, U+FFFE, U+FFFF) and writing CR as `&#13;` so it survives parsing.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                let replacement: StaticString?
                var skip = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x09, 0x0A: i += 1; continue
                case 0x00..<0x20: replacement = ""
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    replacement = ""
                    skip = 3
                default:
                    i += 1
                    continue
                }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                if let replacement, replacement.utf8CodeUnitCount > 0 {
                    out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                }
                i += skip
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
    }
}

/// Bytes kept in memory up to a threshold, then appended to an unlinked temporary file.
final class SpillBuffer {
    private var memory: [UInt8] = []
    private var fd: Int32 = -1
    private var fileBytes: Int64 = 0
    private let threshold: Int
    /// The first failure writing the temporary file; later data is dropped.
    private(set) var error: FileError?

    init(threshold: Int = 4 << 20) {
        self.threshold = threshold
    }

    deinit { if fd >= 0 { systemClose(fd) } }

    var count: Int64 { fileBytes + Int64(memory.count) }

    func append(_ bytes: [UInt8]) {
        memory.append(contentsOf: bytes)
        if memory.count >= threshold { spill() }
    }

    private func spill() {
        defer { memory.removeAll(keepingCapacity: true) }
        guard error == nil else { return }
        do throws(FileError) {
            if fd < 0 { fd = try AnonymousTempFile.create() }
            try memory.withUnsafeBytes { raw in
                Result { () throws(FileError) in try AnonymousTempFile.writeAll(fd, raw) }
            }.get()
            fileBytes += Int64(memory.count)
        } catch {
            self.error = error
        }
    }

    /// Bytes `offset..<offset+count` of everything appended.
    func read(at offset: Int64, count: Int) throws(FileError) -> Data {
        var result = Data(count: count)
        var done = 0
        if offset < fileBytes {
            let fromFile = Int(min(Int64(count), fileBytes - offset))
            let n = try result.withUnsafeMutableBytes { raw in
                Result { () throws(FileError) -> Int in
                    try AnonymousTempFile.readAll(fd, at: offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<fromFile]))
                }
            }.get()
            guard n == fromFile else { throw FileError.io("临时文件读取不完整") }
            done = fromFile
        }
        if done < count {
            let start = Int(offset + Int64(done) - fileBytes)
            result.replaceSubrange(done..<count, with: memory[start..<(start + count - done)])
        }
        return result
    }
}
