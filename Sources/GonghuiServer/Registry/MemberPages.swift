import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Members (会员实名制): search inside the subtree, the member page with history and masked
/// identifiers, registration, edits, status changes, transfers and portal activation codes.
/// Full ID numbers and phones only ever travel in POST bodies, never in URLs.
struct MemberPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("members", use: search)
        router.get("members/export.xlsx", use: export)
        router.get("members/print", use: printList)
        router.post("members/find", use: find)
        router.get("members/new", use: newMember)
        router.post("members/new", use: registerMember)
        router.get("members/:id", use: member)
        router.post("members/:id/reveal", use: reveal)
        router.post("members/:id/activation", use: issueActivationCode)
        router.get("members/:id/edit", use: edit)
        router.post("members/:id/edit", use: update)
        router.get("members/:id/status", use: statusForm)
        router.post("members/:id/status", use: changeStatus)
        router.get("members/:id/transfer", use: transferForm)
        router.post("members/:id/transfer", use: requestTransfer)
    }

    // MARK: Search

    func search(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let model = try await MemberSearchPageModel.load(MemberSearchForm(PageQuery(request)), store: store, actor: context.actor, csrf: context.csrf)
        return Web.page(MemberViews.search(model))
    }

    /// The most members a list exports or prints at once; more are exported from the command
    /// line (`gonghui export members`), which streams them.
    static let maxListed = 5_000

    /// Every member the search finds (up to `maxListed`), in its order.
    func everyone(_ form: MemberSearchForm, actor: Actor) async throws -> (items: [Member], total: Int, org: String) {
        // The first page resolves the union typed and refuses a search too broad to list.
        let first = try await MemberSearchPageModel.load(form, store: store, actor: actor, csrf: nil, pageSize: 500)
        guard first.orgChoices.isEmpty, first.orgError == nil, first.prompt == nil else { throw WebError.badRequest(UI.Registry.narrowFirst) }
        let q = first.query
        var items = first.items
        while items.count < min(first.total, Self.maxListed) {
            let page = try await store.members.search(name: q.name, orgCode: q.org.isEmpty ? nil : q.org, status: MemberStatus(rawValue: q.status),
                                                      actor: actor, limit: 500, offset: q.offset + items.count, sort: q.sort)
            if page.items.isEmpty { break }
            items += page.items
        }
        return (Array(items.prefix(Self.maxListed)), first.total, q.org)
    }

    /// The current result as an XLSX workbook (identifiers masked, as on the page), audited.
    func export(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let form = MemberSearchForm(PageQuery(request))
        let (items, total, org) = try await everyone(form, actor: actor)
        let w = XLSXWriter(sheetName: UI.Registry.exportSheet)
        let header = [UI.Registry.name, UI.Registry.idNumber, UI.Registry.phone, UI.Registry.union, UI.Registry.unionCodeColumn, UI.Registry.status,
                      UI.Registry.joinedOn, UI.Registry.employmentType]
        w.setTitle(UI.Registry.exportTitle(count: items.count, total: total, at: Layout.time(Clock.nowMillis())), span: header.count)
        w.addHeader(header)
        for m in items {
            w.addRow([.text(m.name), .text(m.idNumberMasked), .text(m.phoneMasked ?? ""), .text(m.orgName), .text(m.orgCode), .text(m.status.label),
                      .date(m.joinedOn.iso), .text(m.employmentType.label)])
        }
        w.setColumnWidths([10, 22, 16, 28, 14, 10, 12, 12])
        try await store.record(action: "member.export", entity: "member", entityID: org.isEmpty ? (actor.orgCode ?? "") : org,
                               summary: UI.Registry.exportAudit(count: items.count, criteria: form.summary), actor: actor)
        return Web.download(try w.data(), fileName: UI.Registry.exportFileName(Layout.time(Clock.nowMillis())), contentType: AnnualReportFiles.Format.xlsx.contentType)
    }

    /// The current result on one page to print: no menus, every row (up to `maxListed`).
    func printList(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = MemberSearchForm(PageQuery(request))
        let (items, total, _) = try await everyone(form, actor: context.actor)
        return Web.page(MemberViews.printList(items, total: total, criteria: form.summary, at: Layout.time(Clock.nowMillis()),
                                                  actor: context.actor, csrf: context.csrf))
    }

    func find(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        var error: String?
        var results: [Member] = []
        let form = MemberLookupForm(try await WebForm.read(request))
        switch form.parse(into: &error) {
        case .idNumber(let id):
            do {
                let m = try await store.members.lookup(idNumber: id, actor: actor)
                return Web.redirect("/members/\(m.id)")
            } catch StoreError.notFound { error = UI.Registry.noMemberWithID(id.masked) }
        case .phone(let phone):
            results = try await store.members.lookup(phone: phone, actor: actor)
            if results.count == 1 { return Web.redirect("/members/\(results[0].id)") }
            if results.isEmpty { error = UI.Registry.noMemberWithPhone(phone.masked) }
        case nil:
            break
        }
        let model = MemberSearchPageModel.lookup(results, error: error, key: form.key, actor: actor, csrf: context.csrf)
        return Web.page(MemberViews.search(model), status: error == nil ? .ok : .unprocessableContent)
    }

    // MARK: The member's page

    func member(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        return try await memberPage(id: id, context: context, flash: PageQuery(request).string("ok"))
    }

    func reveal(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let ids = try await store.members.identifiers(id: id, actor: context.actor)
        return try await memberPage(id: id, context: context, revealed: ids)
    }

    func issueActivationCode(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let code = try await store.portal.issueActivationCode(memberID: id, actor: context.actor)
        return try await memberPage(id: id, context: context, activation: code, host: request.head.authority)
    }

    func memberPage(id: Int64, context: OfficerPageContext, flash: String? = nil, revealed: MemberIdentifiers? = nil,
                    activation: ActivationCode? = nil, host: String? = nil) async throws -> Response {
        var model = try await MemberPageModel.load(id: id, store: store, actor: context.actor, csrf: context.csrf, flash: flash,
                                                   revealed: revealed, activation: activation)
        if let host, !host.isEmpty { model.portalAddress = host + "/my/activate" }
        return Web.page(MemberViews.member(model))
    }

    // MARK: Registration and edits

    func newMember(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotRegister) }
        let form = MemberForm(orgCode: PageQuery(request).string("org", maxLength: 64), joinedOn: .today())
        return Web.page(MemberViews.memberForm(MemberFormPageModel(actor: context.actor, csrf: context.csrf, form: form)))
    }

    func registerMember(_ request: Request, context: OfficerPageContext) async throws -> Response {
        var form = MemberForm(try await WebForm.read(request))
        var errors = FieldErrors()
        // The union by name or code (any case), within the officer's subtree.
        let choices = try await OrgPicker.unitInScope.settle(&form.orgCode, field: "org_code", errors: &errors, store: store, actor: context.actor)
        if let draft = form.parseDraft(into: &errors), errors.isEmpty, choices.isEmpty {
            do {
                let m = try await store.members.register(draft, actor: context.actor)
                return Web.redirect("/members/\(m.id)?ok=created")
            } catch let e as StoreError { errors.add(e, fields: MemberForm.fieldNames) }
        }
        let model = MemberFormPageModel(actor: context.actor, csrf: context.csrf, form: form, errors: errors, choices: choices)
        return Web.page(MemberViews.memberForm(model), status: .unprocessableContent)
    }

    func edit(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotEdit) }
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        return Web.page(MemberViews.memberForm(MemberFormPageModel(actor: context.actor, csrf: context.csrf, member: m, form: MemberForm(m))))
    }

    func update(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        let webForm = try await WebForm.read(request)
        let form = MemberForm(webForm)
        var errors = FieldErrors()
        let patch = form.parsePatch(into: &errors)
        if errors.isEmpty {
            do {
                _ = try await store.members.update(id: m.id, patch: patch, expectedVersion: Int(webForm["version"]), actor: context.actor)
                return Web.redirect("/members/\(m.id)?ok=saved")
            } catch let e as StoreError { errors.add(e, fields: MemberForm.fieldNames) }
        }
        let model = MemberFormPageModel(actor: context.actor, csrf: context.csrf, member: m, form: form, errors: errors)
        return Web.page(MemberViews.memberForm(model), status: .unprocessableContent)
    }

    // MARK: Status

    func statusForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotChangeStatus) }
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        return Web.page(MemberViews.statusForm(MemberStatusPageModel(actor: context.actor, csrf: context.csrf, member: m, form: MemberStatusForm(date: .today()))))
    }

    func changeStatus(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        let form = MemberStatusForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let change = form.parse(into: &errors) {
            do {
                _ = try await store.members.changeStatus(id: m.id, to: change.status, on: change.date, reason: change.reason, actor: context.actor)
                return Web.redirect("/members/\(m.id)?ok=status")
            } catch let e as StoreError { errors.add(e, fields: MemberStatusForm.fieldNames) }
        }
        let model = MemberStatusPageModel(actor: context.actor, csrf: context.csrf, member: m, form: form, errors: errors)
        return Web.page(MemberViews.statusForm(model), status: .unprocessableContent)
    }

    // MARK: Transfer request

    func transferForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotRequestTransfer) }
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        return Web.page(MemberViews.transferForm(MemberTransferPageModel(actor: context.actor, csrf: context.csrf, member: m, form: MemberTransferForm(date: .today()))))
    }

    func requestTransfer(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let m = try await store.members.member(id: try context.pathInt("id"), actor: context.actor)
        let form = MemberTransferForm(try await WebForm.read(request))
        var errors = FieldErrors()
        var choices: [OrgChoice] = []
        if var transfer = form.parse(into: &errors) {
            // A name or a code in any case: one union is taken, several are offered to choose from.
            choices = try await OrgPicker.unitAnywhere.settle(&transfer.toOrgCode, field: "to_org_code", missing: UI.Registry.transferTargetMissing,
                                                              errors: &errors, store: store, actor: context.actor)
            if errors.isEmpty && choices.isEmpty {
                do {
                    _ = try await store.members.requestTransfer(memberID: m.id, toOrgCode: transfer.toOrgCode, on: transfer.date, reason: transfer.reason, actor: context.actor)
                    return Web.redirect("/members/\(m.id)?ok=transfer")
                } catch let e as StoreError {
                    // The store names the target "to_org_code" for some rules and reports others as "not found".
                    if case .notFound = e { errors.add("to_org_code", e.message) } else { errors.add(e, fields: MemberTransferForm.fieldNames) }
                }
            }
        }
        let model = MemberTransferPageModel(actor: context.actor, csrf: context.csrf, member: m, form: form, errors: errors, choices: choices)
        return Web.page(MemberViews.transferForm(model), status: .unprocessableContent)
    }
}
