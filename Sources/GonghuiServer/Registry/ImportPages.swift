import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 批量导入: upload, a row-by-row validation report before anything is written, confirm,
/// progress, result, rejected rows as a file; and the templates.
struct ImportPages {
    let store: Store
    let stash: ImportStash

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("import", use: uploadForm)
        router.get("import/template/:name", use: template)
        router.post("import/check", use: check)
        router.get("import/:token", use: status)
        router.get("import/:token/rejects.csv") { request, context in try await rejects(request, context: context, xlsx: false) }
        router.get("import/:token/rejects.xlsx") { request, context in try await rejects(request, context: context, xlsx: true) }
        router.post("import/:token/commit", use: commit)
    }

    func editor(_ context: OfficerPageContext) throws -> Actor {
        let actor = context.actor
        guard actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotImport) }
        return actor
    }

    func uploadForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try editor(context)
        return Web.page(ImportViews.upload(ImportUploadPageModel(actor: actor, csrf: context.csrf)))
    }

    func template(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard let name = ImportTemplateName(try context.pathCode("name")) else { throw WebError.notFound }
        switch name.format {
        case .csv:
            return Web.download(CSVWriter.render([name.columns.templateHeader], bom: true), fileName: "\(name.title).csv", contentType: "text/csv; charset=utf-8")
        case .xlsx:
            let w = XLSXWriter(sheetName: name.title)
            w.addHeader(name.columns.templateHeader)
            w.setColumnWidths(name.columns.columns.map { _ in 18 })
            return Web.download(try w.data(), fileName: "\(name.title).xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    func check(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try editor(context)
        var errors = FieldErrors()
        guard let upload = ImportUploadForm(try await WebForm.read(request)).parse(into: &errors) else {
            return Web.page(ImportViews.upload(ImportUploadPageModel(actor: actor, csrf: context.csrf, errors: errors)), status: .unprocessableContent)
        }
        let kind = upload.kind, file = upload.file
        let sha = FileDigest.sha256Hex(file.data)
        var rejects: [[String]] = []
        let report: ImportReport, header: [String]
        do {
            (report, header) = try await run(kind: kind, file: file, sha: sha, dryRun: true, skipInvalid: true, actor: actor, rejects: &rejects, progress: { _ in })
        } catch let e as FileError {
            errors.add("file", e.message)
            return Web.page(ImportViews.upload(ImportUploadPageModel(actor: actor, csrf: context.csrf, errors: errors)), status: .unprocessableContent)
        }
        let token = stash.put(.init(owner: actor.username, kind: kind, file: file, sha256: sha, header: header, rejects: rejects, state: .checked(report), createdAt: Clock.nowMillis()))
        return Web.redirect("/import/\(token)")
    }

    func status(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try editor(context)
        let token = try context.pathCode("token")
        guard let entry = stash.get(token, owner: actor.username) else { throw WebError.notFound }
        let model = ImportStatusPageModel(actor: actor, csrf: context.csrf, token: token, entry: entry)
        var headers = HTTPFields()
        if model.isRunning { headers[HTTPField.Name("Refresh")!] = "1" }
        return Web.page(ImportViews.status(model), headers: headers)
    }

    /// The rows not imported, with the file's own header and a column saying what is wrong in
    /// each: XLSX with every cell as text (ID numbers stay whole), or CSV; either reads back in
    /// once corrected.
    func rejects(_ request: Request, context: OfficerPageContext, xlsx: Bool) async throws -> Response {
        let actor = try editor(context)
        guard let entry = stash.get(try context.pathCode("token"), owner: actor.username) else { throw WebError.notFound }
        let header = entry.header + [UI.Registry.rejectColumn]
        let name = UI.Registry.rejectsFileName(entry.file.fileName, extension: xlsx ? "xlsx" : "csv")
        guard xlsx else {
            return Web.download(CSVWriter.render([header] + entry.rejects, bom: true), fileName: name, contentType: "text/csv; charset=utf-8")
        }
        let w = XLSXWriter(sheetName: UI.Registry.rejectsSheet)
        w.addHeader(header)
        for row in entry.rejects { w.addRow(texts: row) }
        w.setColumnWidths(header.map { $0 == UI.Registry.rejectColumn ? 60 : 20 })
        return Web.download(try w.data(), fileName: name, contentType: AnnualReportFiles.Format.xlsx.contentType)
    }

    func commit(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try editor(context)
        let token = try context.pathCode("token")
        guard let entry = stash.get(token, owner: actor.username), case .checked = entry.state else { throw WebError.notFound }
        let form = ImportCommitForm(try await WebForm.read(request))
        stash.update(token) { $0.state = .running(phase: "validating", rows: 0) }
        let stash = self.stash
        // The import runs on after this request; the status page refreshes until it is done.
        Task {
            var rejects: [[String]] = []
            do {
                let (report, _) = try await run(kind: entry.kind, file: entry.file, sha: entry.sha256, dryRun: false, skipInvalid: form.skipInvalid, actor: actor,
                                                rejects: &rejects, progress: { p in stash.update(token) { $0.state = .running(phase: p.phase.rawValue, rows: p.rows) } })
                stash.update(token) { $0.state = .done(report); $0.rejects = rejects }
            } catch {
                stash.update(token) { $0.state = .failed((error as? any UserFacingError)?.message ?? UI.Registry.importFailed) }
            }
        }
        return Web.redirect("/import/\(token)")
    }

    /// Checks (`dryRun`) or imports a file, collecting its rejected rows with their reasons.
    func run(kind: String, file: WebForm.File, sha: String, dryRun: Bool, skipInvalid: Bool, actor: Actor, rejects: inout [[String]],
             progress: @escaping @Sendable (ImportProgress) -> Void) async throws -> (ImportReport, [String]) {
        let options = ImportOptions(skipInvalid: skipInvalid, dryRun: dryRun, fileName: file.fileName, fileSHA256: sha)
        var collected: [[String]] = []
        let onReject: (Int, [String], [ImportProblem]) -> Void = { _, cells, problems in
            if collected.count < 100_000 { collected.append(cells + [UI.Registry.rejectNote(problems.map { ($0.column, $0.reason) })]) }
        }
        defer { rejects = collected }
        if kind == "orgs" {
            return try await OrgImporter(store: store).run(source: try UploadTable(file), options: options, actor: actor, onReject: onReject, progress: progress)
        }
        return try await MemberImporter(store: store).run(open: { try UploadTable(file) }, options: options, actor: actor, onReject: onReject, progress: progress)
    }
}
