import Foundation
import GonghuiDomain
import GonghuiStore

/// The roster pages rendered from their models. Pure: no store, no request.
enum MediatorViews {
    static func crumbs(_ current: String) -> HTML {
        """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li>\
        <li><a href="/disputes/mediators">\(UI.Mediators.title)</a></li><li aria-current="page">\(current)</li></ol></nav>
        """
    }

    static func roster(_ m: MediatorRosterPageModel) -> HTML {
        let t = UI.Mediators.self
        let rows = m.mediators.map { x -> HTML in
            let status: HTML = x.active ? "<span class=\"tag ok\">\(t.active)</span>" : "<span class=\"tag\">\(t.inactive)</span>"
            let edit: HTML = m.mayEdit ? "<a href=\"/disputes/mediators/\(x.id)\">\(t.edit)</a>" : "\(UI.none)"
            return """
            <tr><th scope="row" data-label="\(t.colName)">\(x.name)</th><td data-label="\(t.colRole)">\(x.role.title)</td>
            <td data-label="\(t.colSpecialties)">\(x.specialties.isEmpty ? UI.none : x.specialties.map(\.title).joined(separator: t.specialtiesSeparator))</td>
            <td data-label="\(t.colPhone)">\(x.phone ?? UI.none)</td><td data-label="\(t.colMediating)" class="num">\(x.mediating)</td>
            <td data-label="\(t.colAgreements)" class="num">\(x.agreements)</td><td data-label="\(t.colStatus)">\(status)</td><td data-label="\(t.colActions)">\(edit)</td></tr>
            """
        }
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li><li aria-current="page">\(t.title)</li></ol></nav>
        \(Layout.formErrors(m.errors))
        <form method="get" action="/disputes/mediators" class="search card" role="search">
        \(Layout.field(t.orgLabel, name: "org", value: m.org.code))
        <button type="submit" class="secondary">\(t.show)</button>
        </form>
        <p>\(t.intro(m.org.name))</p>
        \(m.mayEdit ? HTML.empty : HTML("<p class=\"muted\">\(t.readOnly)</p>"))
        \(m.mediators.isEmpty ? HTML("<p>\(t.noMediators)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colName)</th><th scope="col">\(t.colRole)</th><th scope="col">\(t.colSpecialties)</th><th scope="col">\(t.colPhone)</th><th scope="col" class="num">\(t.colMediating)</th><th scope="col" class="num">\(t.colAgreements)</th><th scope="col">\(t.colStatus)</th><th scope="col">\(t.colActions)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        <p class="muted">\(t.countsNote)</p>
        """)
        \(m.mayEdit ? form(m.form, errors: m.errors, csrf: m.csrf, action: "/disputes/mediators", title: t.addTitle, orgCode: m.org.code, editing: false) : .empty)
        """
        return Layout.page(t.title, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func edit(_ m: MediatorEditPageModel) -> HTML {
        let t = UI.Mediators.self
        let body: HTML = """
        \(crumbs(m.mediator.name))
        \(Layout.formErrors(m.errors))
        \(form(m.form, errors: m.errors, csrf: m.csrf, action: "/disputes/mediators/\(m.mediator.id)", title: t.editTitle(m.mediator.name), orgCode: m.mediator.orgCode, editing: true))
        """
        return Layout.page(t.editTitle(m.mediator.name), actor: m.actor, csrf: m.csrf, section: .disputes, flash: nil, body)
    }

    static func form(_ f: MediatorForm, errors e: FieldErrors, csrf: String?, action: String, title: String, orgCode: String, editing: Bool) -> HTML {
        let t = UI.Mediators.self
        let roles = MediatorRole.allCases.map { ($0.rawValue, $0.title) }
        let boxes = DisputeType.allCases.map { Layout.checkbox($0.title, name: "type_\($0.rawValue)", checked: f.specialties.contains($0.rawValue)) }
        let version: HTML = editing ? "<input type=\"hidden\" name=\"version\" value=\"\(f.version)\">" : .empty
        return """
        <form method="post" action="\(action)" class="card form" novalidate>
        <h2>\(title)</h2>
        \(Layout.csrfField(csrf))\(version)
        <input type="hidden" name="org_code" value="\(orgCode)">
        <div class="grid three">
        \(Layout.field(t.nameLabel, name: "name", value: f.name, error: e["name"], required: true, attributes: " maxlength=\"30\""))
        \(Layout.select(t.roleLabel, name: "role", options: roles, selected: f.role, error: e["role"]))
        \(Layout.field(t.phoneLabel, name: "phone", value: f.phone, type: "tel", error: e["phone"], hint: t.phoneHint, attributes: " inputmode=\"tel\""))
        </div>
        <fieldset><legend>\(t.specialtiesLabel)</legend><div class="check-grid">\(boxes)</div></fieldset>
        \(Layout.field(t.noteLabel, name: "note", value: f.note, error: e["note"], hint: t.noteHint, attributes: " maxlength=\"200\""))
        \(editing ? Layout.checkbox(t.activeLabel, name: "active", checked: f.active) : .empty)
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }
}
