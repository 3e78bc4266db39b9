import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 帮扶: hardship archives (困难职工档案, 一户一档): the worklist by stage, building and revising
/// an archive, the archive page with its arithmetic, papers, history and workflow steps, and the
/// province's 低保 table. Who may take which step is decided by the store; the pages only offer
/// the buttons that can apply and show the store's answer.
struct HardshipPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("hardship", use: list)
        router.get("hardship/lines", use: lines)
        router.post("hardship/lines", use: saveLine)
        router.post("hardship/notice-days", use: saveNoticeDays)
        router.get("hardship/new", use: newArchive)
        router.post("hardship/new", use: buildArchive)
        router.get("hardship/:id", use: archive)
        router.get("hardship/:id/edit", use: editArchive)
        router.post("hardship/:id/edit", use: reviseArchive)
        router.post("hardship/:id/act", use: act)
        router.post("hardship/:id/attachments", use: upload)
        router.get("hardship/:id/attachments/:aid", use: download)
    }

    // MARK: The worklist

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let model = try await HardshipListPageModel.load(store: store, query: HardshipListQuery(q), actor: context.actor, csrf: context.csrf,
                                                         flash: q.string("ok"))
        return Web.page(HardshipViews.list(model), status: model.orgError == nil ? .ok : .unprocessableContent)
    }

    // MARK: The 低保 table

    func lines(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await linesPage(context, flash: PageQuery(request).string("ok"))
    }

    func saveLine(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = SubsistenceLineForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let line = form.parse(into: &errors) {
            do {
                try await store.hardship.setSubsistenceLine(line, actor: context.actor)
                return Web.redirect("/hardship/lines?ok=hs_line")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: SubsistenceLineForm.fields)
            }
        }
        return try await linesPage(context, values: form.values, errors: errors, status: .unprocessableContent)
    }

    func saveNoticeDays(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = NoticeDaysForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let days = form.parse(into: &errors) {
            do {
                try await store.hardship.setNoticeDays(days, actor: context.actor)
                return Web.redirect("/hardship/lines?ok=hs_notice_days")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: ["notice_days"])
            }
        }
        return try await linesPage(context, values: form.values, errors: errors, status: .unprocessableContent)
    }

    func linesPage(_ context: OfficerPageContext, flash: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await SubsistenceLinesPageModel.load(store: store, actor: context.actor, csrf: context.csrf, flash: flash, values: values, errors: errors)
        return Web.page(HardshipViews.lines(model), status: status)
    }

    // MARK: Building and revising

    func newArchive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Hardship.mayNotBuild) }
        let memberID = Int64(PageQuery(request).string("member", maxLength: 20)).flatMap { $0 > 0 ? $0 : nil }
        switch try await HardshipNewPage.load(store: store, memberID: memberID, actor: context.actor, csrf: context.csrf) {
        case .form(let model): return Web.page(HardshipViews.archiveForm(model))
        case .alreadyOpen(let model): return Web.page(HardshipViews.alreadyOpen(model))
        }
    }

    func buildArchive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        var values = HardshipForm(try await WebForm.read(request))
        var errors = FieldErrors()
        var member: Member?
        var choices: [OrgChoice] = []
        if let id = Int64(values.memberID), id > 0 {
            member = try await store.members.member(id: id, actor: actor)
        } else {
            // The union that builds a non-member's archive, by name or code.
            choices = try await OrgPicker.inScope.settle(&values.orgCode, field: "org_code", errors: &errors, store: store, actor: actor)
        }
        if let parsed = values.parse(into: &errors, isNew: true), errors.isEmpty, choices.isEmpty, let draft = values.draft(parsed) {
            do {
                let archive = try await store.hardship.build(draft, actor: actor)
                return Web.redirect("/hardship/\(archive.id)?ok=hs_built")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                values.file(e, rows: parsed.rows, into: &errors, isMember: member != nil)
            }
        }
        let model = HardshipFormPageModel(actor: actor, csrf: context.csrf, member: member, values: values, errors: errors, orgChoices: choices)
        return Web.page(HardshipViews.archiveForm(model), status: .unprocessableContent)
    }

    func editArchive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Hardship.mayNotRevise) }
        let a = try await store.hardship.archive(id: try context.pathInt("id"), actor: context.actor)
        return Web.page(HardshipViews.archiveForm(HardshipFormPageModel(actor: context.actor, csrf: context.csrf, archive: a, values: HardshipForm(a))))
    }

    func reviseArchive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let a = try await store.hardship.archive(id: try context.pathInt("id"), actor: actor)
        let form = try await WebForm.read(request)
        var values = HardshipForm(form)
        values.keepHints(from: a)
        var errors = FieldErrors()
        var status = HTTPResponse.Status.unprocessableContent
        if let parsed = values.parse(into: &errors, isNew: false), errors.isEmpty {
            do {
                _ = try await store.hardship.revise(id: a.id, values.revision(parsed, expectedVersion: Int(form["version"])), actor: actor)
                return Web.redirect("/hardship/\(a.id)?ok=saved")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                values.file(e, rows: parsed.rows, into: &errors, isMember: true)
                if case .staleVersion = e { status = .conflict }
            }
        }
        let model = HardshipFormPageModel(actor: actor, csrf: context.csrf, archive: a, values: values, errors: errors)
        return Web.page(HardshipViews.archiveForm(model), status: status)
    }

    // MARK: The archive page and its steps

    func archive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await archivePage(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func act(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = HardshipActionForm(try await WebForm.read(request))
        let action: HardshipArchiveAction
        switch try form.parse() {
        case .action(let a): action = a
        case .problem(let problem): return try await archivePage(id: id, context: context, problem: problem, status: .unprocessableContent)
        }
        do {
            _ = try await store.hardship.act(id: id, action, expectedVersion: form.version, actor: context.actor)
            return Web.redirect("/hardship/\(id)?ok=hs_\(form.step)")
        } catch let e as StoreError {
            guard let (status, problem) = form.problem(for: e) else { throw e }
            return try await archivePage(id: id, context: context, problem: problem, status: status)
        }
    }

    func upload(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let message: String
        switch HardshipAttachmentForm(try await WebForm.read(request)).parse() {
        case .success(let (kind, file)):
            do {
                _ = try await store.hardship.addAttachment(archiveID: id, kind: kind, filename: file.fileName, data: [UInt8](file.data), actor: context.actor)
                return Web.redirect("/hardship/\(id)?ok=hs_uploaded#h-papers")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                message = HardshipAttachmentForm.message(for: e)
            }
        case .failure(let problem):
            message = problem.message
        }
        return try await archivePage(id: id, context: context, problem: ActionProblem(action: "upload", field: "file", message: message),
                                     status: .unprocessableContent)
    }

    func download(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (meta, bytes) = try await store.hardship.attachmentData(archiveID: try context.pathInt("id"), attachmentID: try context.pathInt("aid"),
                                                                    actor: context.actor)
        return Web.download(Data(bytes), fileName: meta.filename, contentType: meta.contentType)
    }

    func archivePage(id: Int64, context: OfficerPageContext, flash: String? = nil, problem: ActionProblem? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await HardshipArchivePageModel.load(store: store, id: id, actor: context.actor, csrf: context.csrf, flash: flash, problem: problem)
        return Web.page(HardshipViews.archive(model), status: status)
    }
}
