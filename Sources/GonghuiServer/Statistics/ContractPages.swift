import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Collective contracts (集体合同) of a grassroots union in the console: listed on the union's
/// page and recorded through a form; the annual statistics count those in force on their date.
struct ContractPages {
    let store: Store

    static let fieldNames: Set<String> = ["kind", "signedOn", "validFrom", "validTo", "workersCovered"]
    static let kinds = ["综合性集体合同", "工资专项集体合同", "女职工权益保护专项集体合同", "劳动安全卫生专项集体合同"]

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("orgs/:code/contracts/new") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权登记集体合同") }
            let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
            return Web.page(Layout.page("登记集体合同：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs,
                                        Self.form(org, values: [:], errors: FieldErrors(), csrf: context.csrf)))
        }
        router.post("orgs/:code/contracts/new") { request, context in
            let actor = context.actor
            let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
            let form = try await WebForm.read(request)
            var values: [String: String] = [:]
            for name in Self.fieldNames { values[name] = form[name] }
            var errors = FieldErrors()
            let signedOn = errors.date("signedOn", form["signedOn"], required: false)
            let validFrom = errors.date("validFrom", form["validFrom"])
            let validTo = errors.date("validTo", form["validTo"], required: false)
            if let s = signedOn, s > .today() { errors.add("signedOn", "签订日期不能晚于今天") }
            let workers = Int(values["workersCovered"] ?? "")
            if workers == nil { errors.add("workersCovered", "请填写覆盖职工人数（整数）") }
            if errors.isEmpty, let validFrom, let workers {
                do {
                    _ = try await store.statistics.addContract(orgCode: org.code, kind: values["kind"] ?? "", signedOn: signedOn, validFrom: validFrom,
                                                               validTo: validTo, workersCovered: workers, actor: actor)
                    return Web.redirect("/orgs/\(URLText.component(org.code))?ok=contract")
                } catch let e as StoreError {
                    errors.add(e, fields: Self.fieldNames)
                }
            }
            return Web.page(Layout.page("登记集体合同：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs,
                                        Self.form(org, values: values, errors: errors, csrf: context.csrf)), status: .unprocessableContent)
        }
    }

    static func form(_ org: Organization, values: [String: String], errors: FieldErrors, csrf: String?) -> HTML {
        let kind = values["kind"] ?? kinds[0]
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="/orgs/\(URLText.component(org.code))/contracts/new" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.select("合同类别", name: "kind", options: kinds.map { ($0, $0) }, selected: kind, error: errors["kind"]))
        \(Layout.field("签订日期", name: "signedOn", value: values["signedOn"] ?? "", type: "date", error: errors["signedOn"]))
        \(Layout.field("生效日期", name: "validFrom", value: values["validFrom"] ?? "", type: "date", error: errors["validFrom"], required: true))
        \(Layout.field("终止日期", name: "validTo", value: values["validTo"] ?? "", type: "date", error: errors["validTo"], hint: "无固定期限的合同留空"))
        \(Layout.field("覆盖职工人数", name: "workersCovered", value: values["workersCovered"] ?? "", type: "number", error: errors["workersCovered"],
                       required: true, attributes: " min=\"0\""))
        <div class="actions"><button type="submit">登记</button><a href="/orgs/\(URLText.component(org.code))">取消</a></div>
        </form>
        """
    }

    /// The union's contracts, those in force today marked, for its page.
    static func section(_ org: Organization, contracts: [CollectiveContract], actor: Actor) -> HTML {
        let today = CivilDate.today()
        let rows = contracts.map { c -> HTML in
            let inForce = c.validFrom <= today && (c.validTo.map { $0 >= today } ?? true)
            return """
            <tr><td>\(c.kind)</td><td>\(c.signedOn?.iso ?? UI.none)</td><td>\(c.validFrom.iso) 至 \(c.validTo?.iso ?? "无固定期限")</td>\
            <td class="num">\(Layout.number(c.workersCovered))</td><td>\(inForce ? HTML("<span class=\"tag ok\">有效</span>") : HTML("<span class=\"tag\">\(c.validFrom > today ? "未生效" : "已到期")</span>"))</td></tr>
            """
        }
        let add: HTML = actor.role.mayEditRegistry && org.status == .active
            ? "<p><a class=\"button secondary\" href=\"/orgs/\(URLText.component(org.code))/contracts/new\">登记集体合同</a></p>" : .empty
        return """
        <section aria-labelledby="h-contracts"><h2 id="h-contracts">集体合同</h2>
        \(contracts.isEmpty ? HTML("<p>没有登记集体合同。</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col">类别</th><th scope="col">签订日期</th><th scope="col">期限</th><th scope="col" class="num">覆盖职工</th><th scope="col">状态</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
        \(add)
        </section>
        """
    }
}
