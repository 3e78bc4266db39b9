import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 普惠商户 in the console: the merchants of the officer's union and below, contracts ending within
/// 30 days first (the worklist), and a new merchant with its contract.
extension CardPages {
    static let expiringDays = 30

    func registerMerchants(on router: RouterGroup<OfficerPageContext>) {
        router.get("cards/merchants", use: merchants)
        router.post("cards/merchants", use: addMerchant)
    }

    func merchants(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let list = try await store.cards.merchants(actor: context.actor)
        return Web.page(CardMerchantViews.list(actor: context.actor, csrf: context.csrf, flash: PageQuery(request).string("ok"), merchants: list,
                                               values: [:], errors: FieldErrors(), today: .today()))
    }

    func addMerchant(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let category = MerchantCategory(rawValue: form["category"])
        if category == nil { errors.add("category", UI.CardMerchants.choose) }
        let from = errors.date("contract_from", form["contract_from"]), to = errors.date("contract_to", form["contract_to"])
        let org = form["org"].isEmpty ? (context.actor.orgCode ?? "") : form["org"]
        if let category, let from, let to, errors.isEmpty {
            do {
                _ = try await store.cards.addMerchant(orgCode: org, CardMerchantDraft(name: form["name"], category: category, address: form["address"], phone: form["phone"],
                                                                                      discount: form["discount"], contractNo: form["contract_no"], contractFrom: from, contractTo: to),
                                                      actor: context.actor)
                return Web.redirect("/cards/merchants?ok=cd_merchant")
            } catch let e as StoreError {
                switch e {
                case .forbidden, .notFound: throw e
                default: errors.add(e, fields: ["name", "category", "address", "phone", "discount", "contract_no", "contract_from", "contract_to"])
                }
            }
        }
        let list = try await store.cards.merchants(actor: context.actor)
        return Web.page(CardMerchantViews.list(actor: context.actor, csrf: context.csrf, flash: "", merchants: list, values: form.fields, errors: errors, today: .today()),
                        status: .unprocessableContent)
    }
}
