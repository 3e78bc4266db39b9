import Foundation
import Testing

/// The words users read come from the string catalog (`Web/Catalog.swift` and `Web/Catalog/`), so a
/// wording change or a second locale is an edit there, not a search through the page files.
///
/// Page files — routes (`…Pages`), forms, page models and views — are scanned for Chinese in their
/// code (comments may name a term in Chinese). The page files written before the catalog took
/// every word are listed by name below, and leave the list as they move their words; a listed file
/// that has none left fails too, so the list stays the truth.
@Suite("Words in the catalog")
struct CatalogTests {
    static let server = DocumentAndConfigurationTests.root.appendingPathComponent("Sources/GonghuiServer")

    /// Page files that still hold their own words.
    static let pending: Set<String> = []

    /// Whether a file under `Sources/GonghuiServer` is a page file.
    static func isPageFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        if path.hasPrefix("Web/Catalog") { return false }
        if path.hasPrefix("Web/") { return true }
        return ["Pages.swift", "Page.swift", "Forms.swift", "PageModels.swift", "Views.swift"].contains { name.hasSuffix($0) }
    }

    /// The lines of `source` whose code (outside `//` comments) holds a CJK character.
    static func chineseInCode(_ source: String) -> [Int] {
        var found: [Int] = []
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var inString = false
            var previous: Character = " "
            var code = ""
            for c in line {
                if c == "\"" && previous != "\\" { inString.toggle() }
                if !inString && c == "/" && previous == "/" { code.removeLast(); break }
                code.append(c)
                previous = c
            }
            if code.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }) {
                found.append(number + 1)
            }
        }
        return found
    }

    static func pageFiles() throws -> [String] {
        let base = server.path + "/"
        guard let walker = FileManager.default.enumerator(atPath: server.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") && isPageFile($0) && FileManager.default.fileExists(atPath: base + $0) }.sorted()
    }

    @Test("the scan finds Chinese in code and not in comments")
    func scanner() {
        #expect(Self.chineseInCode("let a = \"会员\"") == [1])
        #expect(Self.chineseInCode("// 会员\nlet a = 1 // 会员") == [])
        #expect(Self.chineseInCode("let a = \"// \\\"会员\"") == [1])
        #expect(Self.chineseInCode("let a = \"x\"\nlet b = \"（\"") == [2])
    }

    @Test("page files take their words from the catalog")
    func pagesUseTheCatalog() throws {
        let files = try Self.pageFiles()
        #expect(files.count > 15, "found \(files.count) page files under \(Self.server.path)")
        for file in files {
            let lines = Self.chineseInCode(try String(contentsOf: Self.server.appendingPathComponent(file), encoding: .utf8))
            if Self.pending.contains(file) {
                #expect(!lines.isEmpty, "\(file) has no words of its own left: take it off CatalogTests.pending")
            } else {
                #expect(lines.isEmpty, "\(file) writes Chinese in its code at lines \(lines.prefix(10)): move it to Web/Catalog")
            }
        }
        for file in Self.pending { #expect(files.contains(file), "\(file) is listed as pending but is no page file here") }
    }
}
