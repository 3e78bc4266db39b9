
import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// An uploaded roster in memory, adapted to the store's row source.
final class UploadTable: TableSource {
    let reader: TableReader
    init(_ file: WebForm.File) throws {
        let isZip = file.data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
        reader = isZip || file.fileName.lowercased().hasSuffix(".xlsx") ? try TableReader(xlsxData: file.data) : try TableReader(csvData: file.data)
    }
    func readHeader() throws -> [String]? { try reader.readHeader() }
    func nextRow() throws -> (number: Int, cells: [String])? {
        guard let r = try reader.nextRow() else { return nil }
        return (r.number, r.cells)
    }
}

/// Uploads between "check" and "confirm", and the imports running in the background, for an
/// hour at most. Each belongs to the user who uploaded it.
final class ImportStash: Sendable {
    enum State: Sendable {
        case checked(ImportReport)
        case running(phase: String, rows: Int)
        case done(ImportReport)
        case failed(String)
    }
    struct Entry: Sendable {
        var owner: String
        var kind: String
        var file: WebForm.File
        var sha256: String
        var header: [String]
        var rejects: [[String]]
        var state: State
        var createdAt: Int64
    }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    static let capacity = 32

    func put(_ entry: Entry) -> String {
        let token = UUID().uuidString.lowercased()
        entries.withLockedValue { e in
            let cutoff = Clock.nowMillis() - 3_600_000
            e = e.filter { $0.value.createdAt > cutoff }
            // Uploads are held in memory: keep the newest few.
            while e.count >= Self.capacity, let oldest = e.min(by: { $0.value.createdAt < $1.value.createdAt }) { e[oldest.key] = nil }
            e[token] = entry
        }
        return token
    }

    func get(_ token: String, owner: String) -> Entry? {
        entries.withLockedValue { e in e[token].flatMap { $0.owner == owner ? $0 : nil } }
    }

    func update(_ token: String, _ change: (inout Entry) -> Void) {
        entries.withLockedValue { e in if var x = e[token] { change(&x); e[token] = x } }
    }
}

/// 批量导入: upload, a row-by-row validation report before anything is written, confirm,
/// progress, result, rejected rows as a file; and the templates.
struct ImportPages {
    let store: Store
    let stash: ImportStash

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("import") { _, context in
            let actor = try editor(context)
            return Web.page(Layout.page("批量导入", actor: actor, csrf: context.csrf, section: .imports, uploadForm(csrf: context.csrf, errors: FieldErrors())))
        }
        router.get("import/template/:name") { _, context in
            let name = try context.pathCode("name")
            let parts = name.split(separator: ".")
            guard parts.count == 2, let columns = parts[0] == "members" ? ImportColumns.members : parts[0] == "orgs" ? ImportColumns.orgs : nil else { throw WebError.notFound }
            let title = parts[0] == "members" ? "会员导入模板" : "组织导入模板"
            switch parts[1] {
            case "csv":
                return Web.download(CSVWriter.render([columns.templateHeader], bom: true), fileName: "\(title).csv", contentType: "text/csv; charset=utf-8")
            case "xlsx":
                let w = XLSXWriter(sheetName: title)
                w.addHeader(columns.templateHeader)
                w.setColumnWidths(columns.columns.map { _ in 18 })
                return Web.download(try w.data(), fileName: "\(title).xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            default: throw WebError.notFound
            }
        }
        router.post("import/check") { request, context in
            let actor = try editor(context)
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let kind = form["kind"]
            if kind != "members" && kind != "orgs" { errors.add("kind", "请选择导入内容") }
            let file = form.files["file"]
            if file == nil || file!.data.isEmpty { errors.add("file", "请选择要上传的 CSV 或 XLSX 文件") }
            guard let file, errors.isEmpty else {
                return Web.page(Layout.page("批量导入", actor: actor, csrf: context.csrf, section: .imports, uploadForm(csrf: context.csrf, errors: errors)), status: .unprocessableContent)
            }
            let sha = FileDigest.sha256Hex(file.data)
            var rejects: [[String]] = []
            let report: ImportReport, header: [String]
            do {
                (report, header) = try await run(kind: kind, file: file, sha: sha, dryRun: true, skipInvalid: true, actor: actor, rejects: &rejects, progress: { _ in })
            } catch let e as FileError {
                errors.add("file", e.message)
                return Web.page(Layout.page("批量导入", actor: actor, csrf: context.csrf, section: .imports, uploadForm(csrf: context.csrf, errors: errors)), status: .unprocessableContent)
            }
            let token = stash.put(.init(owner: actor.username, kind: kind, file: file, sha256: sha, header: header, rejects: rejects, state: .checked(report), createdAt: Clock.nowMillis()))
            return Web.redirect("/import/\(token)")
        }
        router.get("import/:token") { _, context in
            let actor = try editor(context)
            let token = try context.pathCode("token")
            guard let entry = stash.get(token, owner: actor.username) else { throw WebError.notFound }
            var headers = HTTPFields()
            if case .running = entry.state { headers[HTTPField.Name("Refresh")!] = "1" }
            return Web.page(Layout.page("导入：\(entry.file.fileName)", actor: actor, csrf: context.csrf, section: .imports, statusPage(entry, token: token, csrf: context.csrf)), headers: headers)
        }
        router.get("import/:token/rejects.csv") { _, context in
            let actor = try editor(context)
            guard let entry = stash.get(try context.pathCode("token"), owner: actor.username) else { throw WebError.notFound }
            let rows = [entry.header + ["错误原因"]] + entry.rejects
            return Web.download(CSVWriter.render(rows, bom: true), fileName: "错误行-\(entry.file.fileName).csv", contentType: "text/csv; charset=utf-8")
        }
        router.post("import/:token/commit") { request, context in
            let actor = try editor(context)
            let token = try context.pathCode("token")
            guard let entry = stash.get(token, owner: actor.username), case .checked = entry.state else { throw WebError.notFound }
            let form = try await WebForm.read(request)
            let skipInvalid = form["skip_invalid"] == "1"
            stash.update(token) { $0.state = .running(phase: "validating", rows: 0) }
            let stash = self.stash
            // The import runs on after this request; the status page refreshes until it is done.
            Task {
                var rejects: [[String]] = []
                do {
                    let (report, _) = try await run(kind: entry.kind, file: entry.file, sha: entry.sha256, dryRun: false, skipInvalid: skipInvalid, actor: actor,
                                                    rejects: &rejects, progress: { p in stash.update(token) { $0.state = .running(phase: p.phase.rawValue, rows: p.rows) } })
                    stash.update(token) { $0.state = .done(report); $0.rejects = rejects }
                } catch {
                    stash.update(token) { $0.state = .failed((error as? any UserFacingError)?.message ?? "导入失败，没有写入任何数据") }
                }
            }
            return Web.redirect("/import/\(token)")
        }
    }

    func editor(_ context: OfficerPageContext) throws -> Actor {
        let actor = context.actor
        guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权批量导入") }
        return actor
    }

    func run(kind: String, file: WebForm.File, sha: String, dryRun: Bool, skipInvalid: Bool, actor: Actor, rejects: inout [[String]],
             progress: @escaping @Sendable (ImportProgress) -> Void) async throws -> (ImportReport, [String]) {
        let options = ImportOptions(skipInvalid: skipInvalid, dryRun: dryRun, fileName: file.fileName, fileSHA256: sha)
        var collected: [[String]] = []
        let onReject: (Int, [String], [ImportProblem]) -> Void = { _, cells, problems in
            if collected.count < 100_000 { collected.append(cells + [problems.map { "[\($0.column)] \($0.reason)" }.joined(separator: "；")]) }
        }
        defer { rejects = collected }
        if kind == "orgs" {
            return try await OrgImporter(store: store).run(source: try UploadTable(file), options: options, actor: actor, onReject: onReject, progress: progress)
        }
        return try await MemberImporter(store: store).run(open: { try UploadTable(file) }, options: options, actor: actor, onReject: onReject, progress: progress)
    }

    func uploadForm(csrf: String?, errors: FieldErrors) -> HTML {
        """
        \(Layout.formErrors(errors))
        <form method="post" action="/import/check" enctype="multipart/form-data" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.select("导入内容", name: "kind", options: [("members", "会员名册"), ("orgs", "工会组织")], selected: "members", error: errors["kind"]))
        <div class="field\(errors["file"] != nil ? " has-error" : "")">
        <label for="f-file">文件（CSV 或 XLSX，UTF-8 或 GBK 编码）</label>
        <input type="file" id="f-file" name="file" accept=".csv,.xlsx,.txt"\(Layout.describedBy("file", error: errors["file"], hint: nil))>
        \(Layout.errorNote("file", errors["file"]))
        </div>
        <button type="submit">上传并校验</button>
        <p class="hint">上传后先逐行校验，不会写入任何数据；确认后才导入。</p>
        </form>
        <section class="card" aria-labelledby="h-t"><h2 id="h-t">模板下载</h2>
        <ul>
        <li>会员名册：<a href="/import/template/members.xlsx">XLSX 模板</a> · <a href="/import/template/members.csv">CSV 模板</a></li>
        <li>工会组织：<a href="/import/template/orgs.xlsx">XLSX 模板</a> · <a href="/import/template/orgs.csv">CSV 模板</a></li>
        </ul>
        <p class="hint">表头可用中文（如“身份证号”）或英文（如 id_number）。会员必填列：\(ImportColumns.members.columns.filter(\.required).map(\.chinese).joined(separator: "、"))。</p>
        </section>
        """
    }

    func problemTable(_ report: ImportReport) -> HTML {
        let shown = report.problems.prefix(500)
        let rows = shown.map { p -> HTML in
            "<tr class=\"row-bad\"><td class=\"num\">\(String(p.row))</td><td>\(p.column)</td><td>\(p.value)</td><td>\(p.reason)</td></tr>"
        }
        return """
        <h2>逐行校验结果：\(String(report.problems.count)) 处问题</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col" class="num">行号</th><th scope="col">列</th><th scope="col">值</th><th scope="col">问题</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(report.problems.count > shown.count ? HTML("<p>仅显示前 500 处，完整列表请下载错误行。</p>") : .empty)
        """
    }

    func statusPage(_ entry: ImportStash.Entry, token: String, csrf: String?) -> HTML {
        let what = entry.kind == "orgs" ? "工会组织" : "会员名册"
        switch entry.state {
        case .checked(let r):
            let good = r.rowsTotal - r.rejected
            let header: HTML = "<p>\(what)文件 <strong>\(entry.file.fileName)</strong>：共 \(Layout.number(r.rowsTotal)) 行，其中 \(Layout.number(good)) 行正确（新增 \(Layout.number(r.inserted))，更新 \(Layout.number(r.updated))，不变 \(Layout.number(r.unchanged))），\(Layout.number(r.rejected)) 行有错误。尚未写入任何数据。</p>"
            if r.problems.isEmpty {
                return """
                <div class="flash" role="status">校验通过。</div>
                \(header)
                <form method="post" action="/import/\(token)/commit" class="actions">\(Layout.csrfField(csrf))<button type="submit">确认导入</button><a href="/import">\(UI.cancel)</a></form>
                """
            }
            let headerProblem = r.problems.contains { $0.row == 1 }
            return """
            <div class="alert" role="alert"><p>文件中有错误。请修改后重新上传\(headerProblem ? HTML.empty : "，或只导入正确的行（错误行不导入，可下载后修改再导入）")。</p></div>
            \(header)
            <div class="actions">
            \(entry.rejects.isEmpty ? HTML.empty : "<a class=\"button secondary\" href=\"/import/\(token)/rejects.csv\">下载错误行（CSV）</a>")
            \(headerProblem || good == 0 ? HTML.empty : "<form method=\"post\" action=\"/import/\(token)/commit\" class=\"inline\">\(Layout.csrfField(csrf))<input type=\"hidden\" name=\"skip_invalid\" value=\"1\"><button type=\"submit\">只导入正确的 \(Layout.number(good)) 行</button></form>")
            <a class="button secondary" href="/import">重新上传</a>
            </div>
            \(problemTable(r))
            """
        case .running(let phase, let rows):
            return """
            <p role="status">正在\(["writing": "写入", "loading": "校验并写入"][phase] ?? "校验")：已处理 \(Layout.number(rows)) 行……</p>
            <p class="muted">本页每秒自动刷新；导入在一个事务中完成，中途失败不会留下部分数据。</p>
            """
        case .done(let r):
            return """
            <div class="flash" role="status">导入完成。</div>
            <p>\(r.summary)</p>
            <div class="actions">\(r.rejected > 0 ? HTML("<a class=\"button secondary\" href=\"/import/\(token)/rejects.csv\">下载未导入的错误行（CSV）</a>") : .empty)<a class="button" href="/import">继续导入</a></div>
            """
        case .failed(let message):
            return "<div class=\"alert\" role=\"alert\"><p>导入失败，没有写入任何数据：\(message)</p></div><p><a href=\"/import\">返回</a></p>"
        }
    }
}
