import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore

/// Writes registry exports as CSV (UTF-8 with BOM, for Chinese Excel) or XLSX, in the import
/// templates' column order so the file re-imports as it is.
struct RegistryExporter {
    let store: Store

    func exportMembers(orgCode: String, to url: URL, actor: Actor, progress: (Int) -> Void) async throws -> Int {
        let header = ImportColumns.members.chineseHeader
        if url.pathExtension.lowercased() == "xlsx" {
            let x = XLSXWriter(sheetName: "会员")
            x.addHeader(header)
            var n = 0
            let total = try await store.exportMembers(orgCode: orgCode, actor: actor) { batch in
                for m in batch { x.addRow(m.cells.map { .text($0) }) }
                n += batch.count
                progress(n)
            }
            try x.write(to: url)
            return total
        }
        let w = try CSVWriter(url: url)
        try w.write(header)
        var n = 0
        let total = try await store.exportMembers(orgCode: orgCode, actor: actor) { batch in
            for m in batch { try w.write(m.cells) }
            n += batch.count
            progress(n)
        }
        try w.close()
        return total
    }

    func exportOrgs(orgCode: String, to url: URL, actor: Actor, progress: (Int) -> Void) async throws -> Int {
        let orgs = try await store.exportOrgs(orgCode: orgCode, actor: actor)
        let header = ImportColumns.orgs.chineseHeader
        if url.pathExtension.lowercased() == "xlsx" {
            let x = XLSXWriter(sheetName: "组织")
            x.addHeader(header)
            for o in orgs { x.addRow(o.exportCells.map { .text($0) }) }
            try x.write(to: url)
        } else {
            let w = try CSVWriter(url: url)
            try w.write(header)
            for o in orgs { try w.write(o.exportCells) }
            try w.close()
        }
        progress(orgs.count)
        return orgs.count
    }
}
