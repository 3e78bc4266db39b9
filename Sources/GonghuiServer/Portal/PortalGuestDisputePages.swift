import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Filing and following a case without an account: for workers who are not members. The person
/// gives a name, ID number and phone and chooses the county union; the case waits for an officer
/// to confirm their identity. They follow it with its number and their ID number.
extension PortalPages {
    func registerGuestDisputes(on router: Router<AppRequestContext>) {
        router.get("my/disputes/guest", use: guestForm)
        router.post("my/disputes/guest", use: guestFile)
        router.get("my/disputes/track", use: trackForm)
        router.post("my/disputes/track", use: track)
    }

    func guestForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await guestPage(request, PortalDisputeForm(), errors: FieldErrors())
    }

    func guestFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let web = try await WebForm.read(request)
        let form = PortalDisputeForm(web)
        var errors = FieldErrors()
        let filing = form.parse(into: &errors)
        let name = form["name"].trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 50 { errors.add("name", UI.PortalDisputes.nameRequired) }
        var idNumber: IDNumber?
        do { idNumber = try IDNumber(form["id_number"]) } catch { errors.add("id_number", error.message) }
        var phone: PhoneNumber?
        do { phone = try PhoneNumber(form["phone"]) } catch { errors.add("phone", error.message) }
        if form["org_code"].isEmpty { errors.add("org_code", UI.PortalDisputes.countyRequired) }
        guard let filing, let idNumber, let phone, errors.isEmpty else { return try await guestPage(request, form, errors: errors, status: .unprocessableContent) }
        do {
            let c = try await store.disputes.fileAsGuest(filing, name: name, idNumber: idNumber, phone: phone, countyCode: form["org_code"])
            let (token, headers) = PreLogin.token(request, secure: secureCookies)
            return Web.page(PortalDisputeViews.guestCase(c, csrf: token, filed: true), headers: headers)
        } catch let e as StoreError {
            errors.add(e, fields: PortalDisputeForm.fields.union(["org_code"]))
            return try await guestPage(request, form, errors: errors, status: .unprocessableContent)
        }
    }

    func trackForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        return Web.page(PortalDisputeViews.track(csrf: token, caseNo: "", errors: FieldErrors()), headers: headers)
    }

    func track(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        var errors = FieldErrors()
        let caseNo = String(form["case_no"].trimmingCharacters(in: .whitespaces).prefix(40))
        if let id = try? IDNumber(form["id_number"]), !caseNo.isEmpty,
           let c = try? await store.disputes.guestCase(caseNo: caseNo, idNumber: id) {
            return Web.page(PortalDisputeViews.guestCase(c, csrf: token, filed: false), headers: headers)
        }
        // One answer for every miss, so a guess learns nothing.
        errors.general.append(UI.PortalDisputes.trackNotFound)
        return Web.page(PortalDisputeViews.track(csrf: token, caseNo: caseNo, errors: errors), status: .notFound, headers: headers)
    }

    func guestPage(_ request: Request, _ form: PortalDisputeForm, errors: FieldErrors, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        let counties = try await store.disputes.guestHandlers()
        return Web.page(PortalDisputeViews.guestForm(csrf: token, form, counties: counties, errors: errors), status: status, headers: headers)
    }
}
