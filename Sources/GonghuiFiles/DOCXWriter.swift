import Foundation
import ZIPFoundation

// MARK: Model

/// A Word document: paragraphs, tables and page breaks on A4 pages, in the conventions of Chinese
/// official documents (宋体 body text with a two-character first-line indent, 黑体 titles).
public struct DOCXDocument: Sendable, Equatable {
    /// The title in the document properties (docProps/core.xml); not printed.
    public var title: String
    public var blocks: [DOCXBlock]
    /// The creation time in the document properties and the zip entries. Without it both carry a
    /// fixed date, so the same document always gives the same bytes.
    public var created: Date?

    public init(title: String, blocks: [DOCXBlock], created: Date? = nil) {
        self.title = title
        self.blocks = blocks
        self.created = created
    }
}

public enum DOCXBlock: Sendable, Equatable {
    case paragraph(DOCXParagraph)
    case table(DOCXTable)
    /// Starts a new page: the next paragraph begins on it.
    case pageBreak
}

public struct DOCXParagraph: Sendable, Equatable {
    public enum Style: String, Sendable {
        /// 黑体 22pt, centered.
        case title
        /// 宋体 16pt, centered.
        case subtitle
        /// 黑体 16pt bold.
        case heading
        /// 宋体 14pt, 1.5 line spacing.
        case body
        /// Body text set right, for signatures and dates.
        case signature
        /// 宋体 10.5pt, single line spacing, for notes.
        case small
    }

    public enum Alignment: String, Sendable {
        case left, center, right, justified
    }

    public var runs: [DOCXRun]
    public var style: Style
    public var alignment: Alignment
    /// A two-character first-line indent, as Chinese body text uses.
    public var firstLineIndent: Bool
    /// Space above the paragraph in points; nil keeps the style's.
    public var spaceBefore: Int?
    /// Space below the paragraph in points; nil keeps the style's.
    public var spaceAfter: Int?

    /// A paragraph of `runs`. Alignment and indent default to the style's: titles and subtitles
    /// centered, signatures right, the rest justified; only body text indented.
    public init(runs: [DOCXRun], style: Style = .body, alignment: Alignment? = nil, indent: Bool? = nil,
                spaceBefore: Int? = nil, spaceAfter: Int? = nil) {
        self.runs = runs
        self.style = style
        self.alignment = alignment ?? style.defaultAlignment
        self.firstLineIndent = indent ?? (style == .body)
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }

    /// A paragraph of one plain run.
    public init(_ text: String, style: Style = .body, alignment: Alignment? = nil, indent: Bool? = nil,
                bold: Bool = false, spaceBefore: Int? = nil, spaceAfter: Int? = nil) {
        self.init(runs: [DOCXRun(text, bold: bold)], style: style, alignment: alignment, indent: indent,
                  spaceBefore: spaceBefore, spaceAfter: spaceAfter)
    }
}

/// Text with one formatting. "\n" becomes a line break and "\t" a tab; characters XML 1.0
/// cannot carry are dropped.
public struct DOCXRun: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var underline: Bool

    public init(_ text: String, bold: Bool = false, underline: Bool = false) {
        self.text = text
        self.bold = bold
        self.underline = underline
    }
}

public struct DOCXTable: Sendable, Equatable {
    /// Column widths in twentieths of a point (twips); the A4 text width is 8312. When empty, the
    /// widest row's columns share the text width equally.
    public var columnWidths: [Int]
    /// Rows of cells; a row with fewer columns than the grid is filled with empty cells, cells
    /// beyond the grid are dropped.
    public var rows: [[DOCXCell]]
    /// Thin single lines around and between all cells.
    public var borders: Bool

    public init(columnWidths: [Int], rows: [[DOCXCell]], borders: Bool = true) {
        self.columnWidths = columnWidths
        self.rows = rows
        self.borders = borders
    }
}

public struct DOCXCell: Sendable, Equatable {
    public var paragraphs: [DOCXParagraph]
    /// The number of grid columns the cell covers.
    public var span: Int

    public init(paragraphs: [DOCXParagraph], span: Int = 1) {
        self.paragraphs = paragraphs
        self.span = span
    }

    /// A cell of one unindented paragraph.
    public init(_ text: String, span: Int = 1, style: DOCXParagraph.Style = .body,
                alignment: DOCXParagraph.Alignment = .left, bold: Bool = false) {
        self.init(paragraphs: [DOCXParagraph(text, style: style, alignment: alignment, indent: false, bold: bold)],
                  span: span)
    }
}

extension DOCXParagraph.Style {
    var defaultAlignment: DOCXParagraph.Alignment {
        switch self {
        case .title, .subtitle: .center
        case .signature: .right
        case .heading, .body, .small: .justified
        }
    }

    /// The style's id in styles.xml; body text uses the default paragraph style.
    var styleID: String {
        switch self {
        case .title: "Title"
        case .subtitle: "Subtitle"
        case .heading: "Heading1"
        case .body: "Normal"
        case .signature: "Signature"
        case .small: "Small"
        }
    }

    /// The font size in half-points (w:sz).
    var halfPoints: Int {
        switch self {
        case .title: 44
        case .subtitle, .heading: 32
        case .body, .signature: 28
        case .small: 21
        }
    }
}

// MARK: Writer

/// Writes `DOCXDocument`s as DOCX files that Word, WPS and LibreOffice open without repair.
public enum DOCXWriter {
    /// A4 in twips.
    static let pageWidth = 11906, pageHeight = 16838
    /// 2.54 cm top and bottom, 3.17 cm left and right.
    static let marginVertical = 1440, marginHorizontal = 1797
    /// The width between the margins.
    public static let textWidth = pageWidth - 2 * marginHorizontal

    /// The document as bytes.
    public static func data(_ document: DOCXDocument) throws(FileError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            try addParts(of: document, to: archive)
            guard let data = archive.data else { throw FileError.io("无法生成 Word 文件") }
            return data
        } catch {
            if let error = error as? FileError { throw error }
            throw FileError.io("无法生成 Word 文件（\(error)）")
        }
    }

    /// Writes the document to `url` (through a temporary file in the same directory, then renamed).
    public static func write(_ document: DOCXDocument, to url: URL) throws(FileError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            try addParts(of: document, to: archive)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileError.io("无法写入 Word 文件 \(url.path)（\(error)）")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw FileError.io("无法写入 Word 文件 \(url.path)（\(describeErrno(code))）")
        }
    }

    /// The package parts in zip order, each path with its XML.
    static func parts(of document: DOCXDocument) -> [(path: String, xml: [UInt8])] {
        [
            ("[Content_Types].xml", Array(DOCXParts.contentTypes.utf8)),
            ("_rels/.rels", Array(DOCXParts.rootRelationships.utf8)),
            ("docProps/core.xml", Array(DOCXParts.coreProperties(title: document.title, created: document.created).utf8)),
            ("docProps/app.xml", Array(DOCXParts.appProperties.utf8)),
            ("word/document.xml", DOCXBody.documentXML(document.blocks)),
            ("word/_rels/document.xml.rels", Array(DOCXParts.documentRelationships.utf8)),
            ("word/styles.xml", Array(DOCXParts.stylesXML.utf8)),
            ("word/settings.xml", Array(DOCXParts.settingsXML.utf8)),
        ]
    }

    private static func addParts(of document: DOCXDocument, to archive: Archive) throws {
        let modified = document.created ?? fixedDate
        for (path, xml) in parts(of: document) {
            let bytes = Data(xml)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: modified, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
    }

    /// 2000-01-01 00:00 UTC (ZIPFoundation writes zip dates in UTC).
    private static let fixedDate = Date(timeIntervalSince1970: 946_684_800)
}

// MARK: document.xml

/// Builds word/document.xml.
struct DOCXBody {
    private var out: [UInt8] = []

    static func documentXML(_ blocks: [DOCXBlock]) -> [UInt8] {
        var body = DOCXBody()
        body.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        body.raw(#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#)
        body.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#)
        let start = body.out.count
        // Word wants a paragraph between two tables (else it joins them) and before the section
        // properties; a page break becomes the next paragraph's "page break before".
        var lastWasTable = false
        var breakPending = false
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                body.paragraph(paragraph, pageBreakBefore: breakPending)
                breakPending = false
                lastWasTable = false
            case .table(let table):
                guard !table.rows.isEmpty else { continue }
                if breakPending {
                    body.pageBreakParagraph()
                    breakPending = false
                } else if lastWasTable {
                    body.raw("<w:p/>")
                }
                body.table(table)
                lastWasTable = true
            case .pageBreak:
                if breakPending { body.pageBreakParagraph() }
                breakPending = true
                lastWasTable = false
            }
        }
        if breakPending {
            body.pageBreakParagraph()
        } else if lastWasTable || body.out.count == start {
            body.raw("<w:p/>")
        }
        body.sectionProperties()
        body.raw("</w:body></w:document>")
        return body.out
    }

    private mutating func raw(_ text: String) {
        out.append(contentsOf: text.utf8)
    }

    private mutating func pageBreakParagraph() {
        raw(#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#)
    }

    private mutating func paragraph(_ paragraph: DOCXParagraph, pageBreakBefore: Bool = false) {
        raw("<w:p><w:pPr>")
        if paragraph.style != .body { raw(#"<w:pStyle w:val="\#(paragraph.style.styleID)"/>"#) }
        if pageBreakBefore { raw("<w:pageBreakBefore/>") }
        if paragraph.spaceBefore != nil || paragraph.spaceAfter != nil {
            raw("<w:spacing")
            if let before = paragraph.spaceBefore { raw(#" w:before="\#(min(max(0, before), 1584) * 20)""#) }
            if let after = paragraph.spaceAfter { raw(#" w:after="\#(min(max(0, after), 1584) * 20)""#) }
            raw("/>")
        }
        if paragraph.firstLineIndent {
            // Two characters of the style's size; Word and WPS prefer the character count.
            raw(#"<w:ind w:firstLineChars="200" w:firstLine="\#(paragraph.style.halfPoints * 20)"/>"#)
        }
        let justification = switch paragraph.alignment {
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .justified: "both"
        }
        raw(#"<w:jc w:val="\#(justification)"/></w:pPr>"#)
        for run in paragraph.runs { self.run(run) }
        raw("</w:p>")
    }

    private mutating func run(_ run: DOCXRun) {
        guard !run.text.isEmpty else { return }
        raw("<w:r>")
        if run.bold || run.underline {
            raw("<w:rPr>")
            if run.bold { raw("<w:b/><w:bCs/>") }
            if run.underline { raw(#"<w:u w:val="single"/>"#) }
            raw("</w:rPr>")
        }
        var segment = String.UnicodeScalarView()
        var afterCR = false
        for scalar in run.text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\n" where afterCR:
                continue
            case "\n", "\r":
                textElement(String(segment))
                segment.removeAll()
                raw("<w:br/>")
            case "\t":
                textElement(String(segment))
                segment.removeAll()
                raw("<w:tab/>")
            default:
                segment.append(scalar)
            }
        }
        textElement(String(segment))
        raw("</w:r>")
    }

    /// A `w:t` with `text` escaped, or nothing when no text is left.
    private mutating func textElement(_ text: String) {
        var escaped: [UInt8] = []
        XMLText.appendEscaped(text, to: &escaped)
        guard let first = escaped.first, let last = escaped.last else { return }
        raw(first == 0x20 || last == 0x20 ? #"<w:t xml:space="preserve">"# : "<w:t>")
        out.append(contentsOf: escaped)
        raw("</w:t>")
    }

    private mutating func table(_ table: DOCXTable) {
        let spans = table.rows.map { row in row.reduce(0) { $0 + max(1, $1.span) } }
        let columnCount = table.columnWidths.isEmpty ? max(1, spans.max() ?? 1) : table.columnWidths.count
        let widths = table.columnWidths.isEmpty
            ? Array(repeating: DOCXWriter.textWidth / columnCount, count: columnCount)
            : table.columnWidths.map { max(1, $0) }
        raw(#"<w:tbl><w:tblPr><w:tblW w:w="\#(widths.reduce(0, +))" w:type="dxa"/><w:jc w:val="center"/>"#)
        if table.borders {
            raw("<w:tblBorders>")
            for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                raw(#"<w:\#(edge) w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#)
            }
            raw("</w:tblBorders>")
        }
        raw(#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>"#)
        raw(#"<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#)
        for width in widths { raw(#"<w:gridCol w:w="\#(width)"/>"#) }
        raw("</w:tblGrid>")
        for row in table.rows {
            raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            var column = 0
            for cell in row where column < columnCount {
                let span = min(max(1, cell.span), columnCount - column)
                self.cell(cell.paragraphs, span: span, width: widths[column..<(column + span)].reduce(0, +))
                column += span
            }
            while column < columnCount {
                self.cell([], span: 1, width: widths[column])
                column += 1
            }
            raw("</w:tr>")
        }
        raw("</w:tbl>")
    }

    private mutating func cell(_ paragraphs: [DOCXParagraph], span: Int, width: Int) {
        raw(#"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#)
        if span > 1 { raw(#"<w:gridSpan w:val="\#(span)"/>"#) }
        raw(#"<w:vAlign w:val="center"/></w:tcPr>"#)
        // A cell must end with a paragraph.
        if paragraphs.isEmpty { raw("<w:p/>") }
        for paragraph in paragraphs { self.paragraph(paragraph) }
        raw("</w:tc>")
    }

    private mutating func sectionProperties() {
        let w = DOCXWriter.self
        raw(#"<w:sectPr><w:pgSz w:w="\#(w.pageWidth)" w:h="\#(w.pageHeight)"/>"#)
        raw(#"<w:pgMar w:top="\#(w.marginVertical)" w:right="\#(w.marginHorizontal)" "#)
        raw(#"w:bottom="\#(w.marginVertical)" w:left="\#(w.marginHorizontal)" w:header="851" w:footer="992" w:gutter="0"/>"#)
        raw(#"<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>"#)
    }
}

// MARK: Fixed parts

enum DOCXParts {
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static let contentTypes = declaration
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
        + #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
        + #"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#
        + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        + "</Types>"

    static let rootRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let documentRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        + "</Relationships>"

    static let appProperties = declaration
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>Gonghui</Application></Properties>"

    static func coreProperties(title: String, created: Date?) -> String {
        var escaped: [UInt8] = []
        XMLText.appendEscaped(title, to: &escaped)
        var xml = declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(String(decoding: escaped, as: UTF8.self))</dc:title>"
        if let created {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            let stamp = formatter.string(from: created)
            xml += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#
            xml += #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
        }
        return xml + "</cp:coreProperties>"
    }

    static let settingsXML = declaration
        + #"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        + #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>"#
        + #"<w:characterSpacingControl w:val="compressPunctuation"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + #"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>"#
        + "</w:settings>"

    /// Latin text in Times New Roman; Chinese in 宋体 (SimSun), titles and headings in 黑体 (SimHei).
    static let stylesXML = declaration
        + #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        + "<w:docDefaults><w:rPrDefault><w:rPr>"
        + fonts(eastAsia: "宋体")
        + #"<w:kern w:val="2"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#
        + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        + #"<w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/>"#
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        + style(.title, name: "Title", pPr: #"<w:keepNext/><w:spacing w:before="240" w:after="480" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
                rPr: fonts(eastAsia: "黑体"))
        + style(.subtitle, name: "Subtitle", pPr: #"<w:keepNext/><w:spacing w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>"#,
                rPr: "")
        + style(.heading, name: "heading 1", pPr: #"<w:keepNext/><w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="0"/>"#,
                rPr: fonts(eastAsia: "黑体") + "<w:b/><w:bCs/>")
        + style(.signature, name: "Signature", pPr: #"<w:jc w:val="right"/>"#, rPr: "")
        + style(.small, name: "Small Text", pPr: #"<w:spacing w:line="240" w:lineRule="auto"/>"#, rPr: "")
        + #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#
        + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>"#
        + #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#
        + #"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + "</w:styles>"

    private static func fonts(eastAsia: String) -> String {
        #"<w:rFonts w:ascii="Times New Roman" w:eastAsia="\#(eastAsia)" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>"#
    }

    /// A paragraph style based on Normal; `pPr` and `rPr` are the properties' contents in schema order.
    private static func style(_ style: DOCXParagraph.Style, name: String, pPr: String, rPr: String) -> String {
        let size = style.halfPoints
        return #"<w:style w:type="paragraph" w:styleId="\#(style.styleID)"><w:name w:val="\#(name)"/>"#
            + #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#
            + "<w:pPr>\(pPr)</w:pPr>"
            + #"<w:rPr>\#(rPr)<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr></w:style>"#
    }
}
