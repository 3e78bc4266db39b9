import Foundation
import GonghuiProcess
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import GonghuiFiles

/// Parses XML, collecting the text of every `w:t` element.
private final class WordTextCollector: NSObject, XMLParserDelegate {
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "w:t" {
            inText = true
            texts.append("")
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "w:t" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    /// The `w:t` texts of `xml`, or nil when it is not well-formed.
    static func texts(of xml: String) -> [String]? {
        let collector = WordTextCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector.texts : nil
    }
}

@Suite("DOCX writing")
struct DOCXWriterTests {
    static let partNames = [
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
    ]

    static func agreement() -> DOCXDocument {
        DOCXDocument(title: "劳动争议调解协议书", blocks: [
            .paragraph(DOCXParagraph("劳动争议调解协议书", style: .title)),
            .paragraph(DOCXParagraph("（2024）工调字第 015 号", style: .subtitle)),
            .paragraph(DOCXParagraph("一、当事人基本情况", style: .heading)),
            .table(DOCXTable(columnWidths: [1800, 2356, 1800, 2356], rows: [
                [DOCXCell("申请人", alignment: .center, bold: true), DOCXCell("张三"),
                 DOCXCell("身份证号", alignment: .center, bold: true), DOCXCell("420102199003071234")],
                [DOCXCell("被申请人", alignment: .center, bold: true), DOCXCell("某某科技有限公司", span: 3)],
            ])),
            .paragraph(DOCXParagraph("二、争议事项", style: .heading)),
            .paragraph(DOCXParagraph("申请人请求被申请人支付拖欠的工资及经济补偿金。")),
            .paragraph(DOCXParagraph(runs: [DOCXRun("三、调解结果："), DOCXRun("双方自愿达成如下协议", bold: true, underline: true)])),
            .pageBreak,
            .paragraph(DOCXParagraph("调解员（签名）：\t\t日期：", style: .signature, spaceBefore: 24)),
            .paragraph(DOCXParagraph("本协议一式三份，双方当事人及调解委员会各执一份。", style: .small)),
        ], created: Date(timeIntervalSince1970: 1_718_000_000))
    }

    @Test func packageHoldsEveryWellFormedPart() throws {
        let document = Self.agreement()
        let data = try DOCXWriter.data(document)
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive.map(\.path) == Self.partNames)
        for name in Self.partNames {
            let xml = try part(name, of: data)
            #expect(WordTextCollector.texts(of: xml) != nil, "\(name) is not well-formed")
        }
        let body = try part("word/document.xml", of: data)
        #expect(body.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(body.hasSuffix(#"<w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>"#))
        #expect(body.contains(#"<w:pStyle w:val="Title"/>"#))
        #expect(body.contains(#"<w:ind w:firstLineChars="200" w:firstLine="560"/><w:jc w:val="both"/>"#))
        // The page break moves the next paragraph to a new page instead of leaving an empty line.
        #expect(body.contains(#"<w:pStyle w:val="Signature"/><w:pageBreakBefore/><w:spacing w:before="480"/>"#))
        #expect(body.contains(#"<w:t>调解员（签名）：</w:t><w:tab/><w:tab/><w:t>日期：</w:t>"#))
        #expect(body.contains(#"<w:rPr><w:b/><w:bCs/><w:u w:val="single"/></w:rPr><w:t>双方自愿达成如下协议</w:t>"#))
        let styles = try part("word/styles.xml", of: data)
        #expect(styles.contains(#"w:eastAsia="黑体""#) && styles.contains(#"w:eastAsia="宋体""#))
        #expect(styles.contains(#"<w:sz w:val="44"/>"#))
        let core = try part("docProps/core.xml", of: data)
        #expect(core.contains("<dc:title>劳动争议调解协议书</dc:title>"))
        #expect(core.contains("2024-06-10T06:13:20Z"))
        #expect(try part("[Content_Types].xml", of: data).contains("/word/document.xml"))

        // The same document gives the same bytes, in memory and on disk.
        #expect(try DOCXWriter.data(document) == data)
        let url = temporaryURL("协议书.docx")
        try makeDirectory(for: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try DOCXWriter.write(document, to: url)
        #expect(try Data(contentsOf: url) == data)
    }

    @Test func textIsEscapedAndCleaned() throws {
        let text = " <甲&乙> \"丙\"\u{1}丁'\u{FFFF} "
        let document = DOCXDocument(title: "A&B <标题>", blocks: [
            .paragraph(DOCXParagraph(runs: [DOCXRun(text), DOCXRun("第一行\r\n第二行\n第三行")])),
        ])
        let data = try DOCXWriter.data(document)
        let body = try part("word/document.xml", of: data)
        #expect(body.contains(#"<w:t xml:space="preserve"> &lt;甲&amp;乙&gt; &quot;丙&quot;丁' </w:t>"#))
        #expect(!body.contains("\u{1}") && !body.contains("\u{FFFF}"))
        #expect(body.contains("<w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br/><w:t>第三行</w:t>"))
        #expect(WordTextCollector.texts(of: body) == [" <甲&乙> \"丙\"丁' ", "第一行", "第二行", "第三行"])
        let core = try part("docProps/core.xml", of: data)
        #expect(core.contains("<dc:title>A&amp;B &lt;标题&gt;</dc:title>"))
        #expect(!core.contains("dcterms:created"))
        #expect(WordTextCollector.texts(of: core) != nil)
    }

    @Test func spanningCellsAndShortRowsFillTheGrid() throws {
        let table = DOCXTable(columnWidths: [1000, 2000, 3000], rows: [
            [DOCXCell("甲", span: 2), DOCXCell("乙")],
            [DOCXCell("丙")],
            [DOCXCell("丁", span: 5)],
        ], borders: false)
        let body = try part("word/document.xml", of: DOCXWriter.data(DOCXDocument(title: "t", blocks: [.table(table), .table(table)])))
        #expect(body.contains(#"<w:tblW w:w="6000" w:type="dxa"/>"#))
        #expect(body.contains(#"<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/></w:tblGrid>"#))
        #expect(body.contains(#"<w:tcW w:w="3000" w:type="dxa"/><w:gridSpan w:val="2"/>"#))
        // A span beyond the grid is cut to the columns left.
        #expect(body.contains(#"<w:tcW w:w="6000" w:type="dxa"/><w:gridSpan w:val="3"/>"#))
        #expect(!body.contains("<w:tblBorders>"))
        // Every row covers the grid: 2 + 3 + 1 cells per table.
        #expect(body.components(separatedBy: "<w:tc>").count - 1 == 12)
        // Two tables are kept apart by a paragraph, and the body ends with one.
        #expect(body.contains("</w:tbl><w:p/><w:tbl>"))
        #expect(body.contains("</w:tbl><w:p/><w:sectPr>"))
        #expect(WordTextCollector.texts(of: body) == ["甲", "乙", "丙", "丁", "甲", "乙", "丙", "丁"])
    }

    static var libreOffice: String? {
        for path in ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    @Test(.enabled(if: libreOffice != nil, "LibreOffice is not installed"))
    func libreOfficeReadsTheDocument() throws {
        let input = temporaryURL("agreement.docx")
        try makeDirectory(for: input)
        defer { try? FileManager.default.removeItem(at: input.deletingLastPathComponent()) }
        let directory = input.deletingLastPathComponent()
        try DOCXWriter.write(Self.agreement(), to: input)
        let status = try ChildProcess.run(Self.libreOffice!, ["--headless", "-env:UserInstallation=file://\(directory.path)/profile",
                             "--convert-to", "txt:Text (encoded):UTF8", "--outdir", directory.path, input.path])
        #expect(status == 0)
        let text = try String(contentsOf: directory.appendingPathComponent("agreement.txt"), encoding: .utf8)
        let expected = ["劳动争议调解协议书", "（2024）工调字第 015 号", "一、当事人基本情况",
                        "申请人", "张三", "身份证号", "420102199003071234", "被申请人", "某某科技有限公司",
                        "二、争议事项", "申请人请求被申请人支付拖欠的工资及经济补偿金。", "三、调解结果：双方自愿达成如下协议",
                        "调解员（签名）：\t\t日期：", "本协议一式三份，双方当事人及调解委员会各执一份。"]
        var rest = text[...]
        for paragraph in expected {
            guard let range = rest.range(of: paragraph) else {
                Issue.record("\"\(paragraph)\" is missing or out of order in:\n\(text)")
                return
            }
            rest = rest[range.upperBound...]
        }
    }
}
