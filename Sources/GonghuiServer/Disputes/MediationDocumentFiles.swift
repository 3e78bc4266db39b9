import Foundation
import GonghuiDomain
import GonghuiFiles

/// A mediation document printed two ways from its one composition: a DOCX file that Word and WPS
/// open, and a page styled for the printer.
enum MediationDocumentFiles {
    static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    static func fileName(_ doc: MediationDocument, caseNo: String) -> String {
        "\(caseNo)-\(doc.kind.rawValue).docx"
    }

    // MARK: DOCX

    static func docx(_ doc: MediationDocument) throws -> Data { try docx(title: doc.title, blocks: doc.blocks) }

    /// Any document composed of the same blocks (the legal-aid letters too).
    static func docx(title: String, blocks composed: [MediationDocument.Block]) throws -> Data {
        var blocks: [DOCXBlock] = [.paragraph(DOCXParagraph(title, style: .title))]
        for block in composed {
            switch block {
            case .subtitle(let text): blocks.append(.paragraph(DOCXParagraph(text, style: .subtitle)))
            case .heading(let text): blocks.append(.paragraph(DOCXParagraph(text, style: .heading)))
            case .paragraph(let text): blocks.append(.paragraph(DOCXParagraph(text, style: .body)))
            case .fields(let pairs): blocks.append(.table(fieldsTable(pairs)))
            case .table(let header, let rows): blocks.append(.table(table(header: header, rows: rows)))
            case .signatures(let lines): blocks += lines.map { .paragraph(DOCXParagraph($0, style: .signature, spaceBefore: 12)) }
            case .note(let text): blocks.append(.paragraph(DOCXParagraph(text, style: .small)))
            }
        }
        return try DOCXWriter.data(DOCXDocument(title: title, blocks: blocks))
    }

    /// Labelled values two to a row: label, value, label, value.
    static func fieldsTable(_ pairs: [(label: String, value: String)]) -> DOCXTable {
        let width = DOCXWriter.textWidth
        let widths = [width * 18 / 100, width * 32 / 100, width * 18 / 100, width - width * 18 / 100 * 2 - width * 32 / 100]
        var rows: [[DOCXCell]] = []
        var i = 0
        while i < pairs.count {
            var row = [DOCXCell(pairs[i].label, bold: true), DOCXCell(pairs[i].value)]
            if i + 1 < pairs.count { row += [DOCXCell(pairs[i + 1].label, bold: true), DOCXCell(pairs[i + 1].value)] } else { row[1].span = 3 }
            rows.append(row)
            i += 2
        }
        return DOCXTable(columnWidths: widths, rows: rows)
    }

    static func table(header: [String], rows: [[String]]) -> DOCXTable {
        // Columns as wide as their longest text (at least two characters), in proportion.
        let width = DOCXWriter.textWidth
        let longest = header.indices.map { i in max(2, ([header[i]] + rows.compactMap { i < $0.count ? $0[i] : nil }).map(\.count).max() ?? 2) }
        let total = max(longest.reduce(0, +), 1)
        let widths = longest.map { width * $0 / total }
        return DOCXTable(columnWidths: widths, rows: [header.map { DOCXCell($0, alignment: .center, bold: true) }] + rows.map { $0.map { DOCXCell($0) } })
    }

    // MARK: The print page

    static func html(_ doc: MediationDocument) -> HTML { html(title: doc.title, blocks: doc.blocks) }

    static func html(title: String, blocks: [MediationDocument.Block]) -> HTML {
        var parts: [HTML] = ["<h1 class=\"doc-title\">\(title)</h1>"]
        for block in blocks {
            switch block {
            case .subtitle(let text): parts.append("<p class=\"doc-number\">\(text)</p>")
            case .heading(let text): parts.append("<h2>\(text)</h2>")
            case .paragraph(let text): parts.append("<p class=\"doc-body\">\(text)</p>")
            case .fields(let pairs):
                var rows: [HTML] = []
                var i = 0
                while i < pairs.count {
                    let second: HTML = i + 1 < pairs.count ? "<th scope=\"row\">\(pairs[i + 1].label)</th><td>\(pairs[i + 1].value)</td>" : "<td colspan=\"2\"></td>"
                    rows.append("<tr><th scope=\"row\">\(pairs[i].label)</th><td>\(pairs[i].value)</td>\(second)</tr>")
                    i += 2
                }
                parts.append("<table class=\"doc-fields\"><tbody>\(rows)</tbody></table>")
            case .table(let header, let rows):
                let head = header.map { "<th scope=\"col\">\($0)</th>" as HTML }
                let body = rows.map { r -> HTML in "<tr>\(r.map { "<td>\($0)</td>" as HTML })</tr>" }
                parts.append("<table class=\"doc-table\"><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>")
            case .signatures(let lines): parts.append("<div class=\"doc-signatures\">\(lines.map { "<p>\($0)</p>" as HTML })</div>")
            case .note(let text): parts.append("<p class=\"doc-note\">\(text)</p>")
            }
        }
        return "<article class=\"document\">\(parts)</article>"
    }
}
