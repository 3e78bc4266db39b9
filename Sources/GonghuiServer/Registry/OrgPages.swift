import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The organization tree (五级一张网): a navigator that opens one level at a time from the
/// officer's own node, search by name or code, the org page, and its edit, move, merge and
/// dissolve, each confirmed before it is done and checked by the same rules as the API.
struct OrgPages {
    let store: Store
    /// The children of a province or a city with their head counts: each count walks a subtree of
    /// tens of thousands of members, so the list is kept for a minute (org edits here clear it).
    let childCache = TimedCache<[OrgSummary]>(capacity: 500)

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("orgs", use: search)
        router.get("orgs/:code", use: org)
        router.get("orgs/:code/edit", use: edit)
        router.post("orgs/:code/edit", use: update)
        for action in OrgAction.allCases {
            router.get("orgs/:code/\(action.rawValue)") { request, context in try await actionForm(action, request, context) }
            router.post("orgs/:code/\(action.rawValue)") { request, context in try await perform(action, request, context) }
        }
    }

    func search(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let query = OrgSearchForm(PageQuery(request))
        if query.text.isEmpty {
            guard let root = try await store.orgs.root(actor: context.actor).first else { throw WebError.notFound }
            return Web.redirect("/orgs/\(URLText.component(root.code))")
        }
        let found = try await store.orgs.search(query.text, actor: context.actor, limit: 50, offset: query.offset)
        return Web.page(OrgViews.search(OrgSearchPageModel(actor: context.actor, csrf: context.csrf, query: query, found: found)))
    }

    func org(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let model = try await OrgPageModel.load(code: try context.pathCode("code"), query: OrgPageForm(PageQuery(request)), store: store, childCache: childCache,
                                                actor: context.actor, csrf: context.csrf)
        return Web.page(OrgViews.page(model))
    }

    func edit(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotEditOrg) }
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: context.actor)
        return Web.page(OrgViews.edit(OrgEditPageModel(actor: context.actor, csrf: context.csrf, org: org, form: OrgForm(org))))
    }

    func update(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: context.actor)
        let webForm = try await WebForm.read(request)
        let form = OrgForm(webForm)
        var errors = FieldErrors()
        if let draft = form.parse(code: org.code, parentCode: org.parentCode, into: &errors), errors.isEmpty {
            do {
                _ = try await store.orgs.update(code: org.code, with: draft, keepChairPhone: form.chairPhone.isEmpty,
                                                expectedVersion: Int(webForm["version"]), on: .today(), actor: context.actor)
                await childCache.clear()
                return Web.redirect("/orgs/\(URLText.component(org.code))?ok=saved")
            } catch let e as StoreError {
                errors.add(e, fields: OrgForm.fieldNames)
            }
        }
        let model = OrgEditPageModel(actor: context.actor, csrf: context.csrf, org: org, form: form, errors: errors)
        return Web.page(OrgViews.edit(model), status: .unprocessableContent)
    }

    // MARK: Move, merge, dissolve

    func actionForm(_ action: OrgAction, _ request: Request, _ context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Registry.mayNotAct(action.title)) }
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: context.actor)
        if org.id == context.actor.orgID { throw WebError.forbidden(UI.Registry.upperLevelOnly(action.title)) }
        return Web.page(OrgViews.actionForm(OrgActionPageModel(actor: context.actor, csrf: context.csrf, org: org, form: OrgActionForm(action, date: .today()))))
    }

    /// The first step shows what will be done; the confirmed second step does it.
    func perform(_ action: OrgAction, _ request: Request, _ context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
        let form = OrgActionForm(action, try await WebForm.read(request))
        var errors = FieldErrors()
        let date = form.parse(into: &errors)
        var target: OrgSummary?
        if date != nil && form.needsTarget { target = try await self.target(of: form, errors: &errors, actor: actor) }
        func again(_ status: HTTPResponse.Status) -> Response {
            Web.page(OrgViews.actionForm(OrgActionPageModel(actor: actor, csrf: context.csrf, org: org, form: form, errors: errors)), status: status)
        }
        guard let date, errors.isEmpty else { return again(.unprocessableContent) }
        if !form.confirmed {
            let summary = try await store.orgs.summary(code: org.code, actor: actor)
            let model = OrgConfirmPageModel(actor: actor, csrf: context.csrf, action: action, summary: summary, target: target, date: date, reason: form.reason)
            return Web.page(OrgViews.confirm(model))
        }
        do {
            switch action {
            case .move: _ = try await store.orgs.move(code: org.code, toParent: form.target, on: date, actor: actor)
            case .merge: _ = try await store.orgs.merge(code: org.code, into: form.target, on: date, actor: actor)
            case .dissolve: _ = try await store.orgs.dissolve(code: org.code, on: date, reason: form.reason, actor: actor)
            }
        } catch let e as StoreError {
            errors.add(e, fields: form.fieldNames)
            return again(.conflict)
        }
        await childCache.clear()
        return Web.redirect("/orgs/\(URLText.component(org.code))?ok=\(action.flash)")
    }

    /// The org a move or merge names, or its problem filed under the form's field.
    func target(of form: OrgActionForm, errors: inout FieldErrors, actor: Actor) async throws -> OrgSummary? {
        do {
            return try await store.orgs.summary(code: form.target, actor: actor)
        } catch let e as StoreError {
            let field = form.action.targetField
            errors.add(e.code == "not_found" ? .invalid([FieldProblem(field: field, value: form.target, reason: e.message)]) : e, fields: [field])
            return nil
        }
    }
}
