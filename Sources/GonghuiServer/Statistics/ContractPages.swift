import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Collective contracts (集体合同) of a grassroots union in the console: listed on the union's
/// page and recorded through a form; the annual statistics count those in force on their date.
struct ContractPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("orgs/:code/contracts/new", use: newContract)
        router.post("orgs/:code/contracts/new", use: recordContract)
    }

    func newContract(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        guard actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Statistics.mayNotRecordContract) }
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
        return page(ContractFormPageModel(org: org, form: ContractForm(), errors: FieldErrors(), csrf: context.csrf), context: context)
    }

    func recordContract(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
        let form = ContractForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let c = form.parse(into: &errors) {
            do {
                _ = try await store.statistics.addContract(orgCode: org.code, kind: c.kind, signedOn: c.signedOn, validFrom: c.validFrom,
                                                           validTo: c.validTo, workersCovered: c.workersCovered, actor: actor)
                return Web.redirect("/orgs/\(URLText.component(org.code))?ok=contract")
            } catch let e as StoreError {
                errors.add(e, fields: ContractForm.fieldNames)
            }
        }
        return page(ContractFormPageModel(org: org, form: form, errors: errors, csrf: context.csrf), context: context, status: .unprocessableContent)
    }

    func page(_ model: ContractFormPageModel, context: OfficerPageContext, status: HTTPResponse.Status = .ok) -> Response {
        Web.page(Layout.page(UI.Statistics.recordContractTitle(model.org.name), actor: context.actor, csrf: context.csrf, section: .orgs,
                             StatisticsViews.contractForm(model)), status: status)
    }
}
