import Foundation
import GonghuiDomain
import GonghuiStore

/// The activation form: ID number, the phone the union holds, the union's code, a new password.
struct ActivationForm {
    var idNumber = "", phone = "", code = ""
    var password = "", passwordAgain = ""

    init() {}
    init(_ form: WebForm) {
        idNumber = form["id_number"]; phone = form["phone"]; code = form["code"]
        password = form.raw("password"); passwordAgain = form.raw("password_again")
    }

    /// What the form shows again (never the passwords).
    var values: [String: String] { ["id_number": idNumber, "phone": phone, "code": code] }

    struct Parsed {
        var idNumber: IDNumber
        var phone: PhoneNumber
        var code: String
        var password: String
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        let id = errors.parse("id_number", idNumber, missing: UI.Portal.idNumberMissing) { try IDNumber($0) }
        let phone = errors.parse("phone", phone, missing: UI.Portal.phoneMissing) { try PhoneNumber($0) }
        if code.isEmpty { errors.add("code", UI.Portal.codeMissing) }
        if password.isEmpty { errors.add("password", UI.Portal.passwordNotSet) }
        if password != passwordAgain { errors.add("password_again", UI.Portal.passwordsDiffer) }
        guard let id, let phone, errors.isEmpty else { return nil }
        return Parsed(idNumber: id, phone: phone, code: String(code.prefix(40)), password: String(password.prefix(256)))
    }
}

/// The worker's sign-in form.
struct WorkerLoginForm {
    var idNumber = "", password = ""

    init() {}
    init(_ form: WebForm) {
        idNumber = form["id_number"]; password = form.raw("password")
    }

    func parse(into errors: inout FieldErrors) -> (idNumber: IDNumber, password: String)? {
        let id = errors.parse("id_number", idNumber, missing: UI.Portal.idNumberMissing) { try IDNumber($0) }
        if password.isEmpty { errors.add("password", UI.Portal.passwordMissing) }
        guard let id, errors.isEmpty else { return nil }
        return (id, String(password.prefix(256)))
    }
}

/// The new phone number.
struct PhoneForm {
    var phone = ""

    init() {}
    init(_ form: WebForm) { phone = form["phone"] }

    func parse(into errors: inout FieldErrors) -> PhoneNumber? {
        do { return try PhoneNumber(phone) } catch {
            errors.add("phone", phone.isEmpty ? UI.Portal.newPhoneMissing : error.message)
            return nil
        }
    }
}

/// The request to move one's membership to the new employer's union.
struct TransferRequestForm {
    var toOrgCode = "", reason = ""

    init() {}
    init(_ form: WebForm) {
        toOrgCode = OrgPicker.typed(form, "to_org_code"); reason = String(form["reason"].prefix(500))
    }

    func parse(into errors: inout FieldErrors) -> (toOrgCode: String, reason: String)? {
        if toOrgCode.isEmpty { errors.add("to_org_code", UI.Portal.toOrgCodeMissing) }
        guard errors.isEmpty else { return nil }
        return (toOrgCode, reason)
    }
}

/// The worker's application to a cycle: the facts its program's rules look at, and the own
/// account when the household's archive holds none.
struct AssistanceApplicationForm {
    static let fields = ["child_admission", "illness", "out_of_pocket", "outdoor_worker", "bank_name", "bank_account"]

    /// What the form asks for a cycle: the facts its program's rules look at.
    struct Asks {
        var admissions: [ChildAdmission]?
        var illnesses: [String]?
        var costs = false
        var outdoor = false

        init(_ cycle: ProgramCycle) {
            let conditions = cycle.rules.rules.flatMap(\.conditions)
            if cycle.kind == .schoolAid || conditions.contains(where: { $0.kind == .childAdmitted }) {
                let listed = conditions.filter { $0.kind == .childAdmitted }.flatMap { $0.admissions ?? ChildAdmission.allCases }
                admissions = ChildAdmission.allCases.filter { listed.isEmpty || listed.contains($0) }
            }
            if cycle.kind == .seriousIllness || conditions.contains(where: { $0.kind == .listedIllness }) {
                let listed = conditions.filter { $0.kind == .listedIllness }.flatMap { $0.illnesses ?? [] }
                illnesses = listed.isEmpty ? HardshipVocab.majorIllnesses : listed
            }
            costs = cycle.kind == .seriousIllness || conditions.contains { $0.kind == .outOfPocketAbove }
                || cycle.rules.rules.contains { $0.amount.kind == .shareOfCosts }
            outdoor = cycle.kind == .summerCool || conditions.contains { $0.kind == .outdoorWorker }
        }
    }

    /// The raw values, kept (at most 100 characters each) to show again and to carry to the
    /// confirmation in hidden fields.
    var values: [String: String] = [:]
    /// `check`, `edit` or `submit`.
    var step = ""

    init() {}
    init(_ form: WebForm) {
        values = Self.fields.reduce(into: [String: String]()) { $0[$1] = String(form[$1].prefix(100)) }
        step = form["step"]
        bankName = form["bank_name"]
        bankAccount = form["bank_account"]
        childAdmission = form["child_admission"]
        illness = form["illness"]
        outOfPocket = form["out_of_pocket"]
        outdoorWorker = form["outdoor_worker"]
    }

    private var bankName = "", bankAccount = ""
    private var childAdmission = "", illness = "", outOfPocket = "", outdoorWorker = ""

    /// The declaration, with the problems of its fields (not the bank's).
    func declaration(for cycle: ProgramCycle, errors: inout FieldErrors) -> AssistanceService.Declaration {
        let asks = Asks(cycle)
        var d = AssistanceService.Declaration()
        if let admissions = asks.admissions {
            if let a = ChildAdmission(rawValue: childAdmission), admissions.contains(a) { d.childAdmission = a } else {
                errors.add("child_admission", UI.Portal.admissionMissing)
            }
        }
        if let illnesses = asks.illnesses {
            if illnesses.contains(illness) { d.illness = illness } else { errors.add("illness", UI.Portal.illnessMissing) }
        }
        if asks.costs {
            if let cost = errors.money("out_of_pocket", outOfPocket, missing: UI.Portal.costsMissing) {
                if cost.isNegative { errors.add("out_of_pocket", UI.Portal.costsNegative) } else { d.outOfPocket = cost }
            }
        }
        if asks.outdoor { d.outdoorWorker = outdoorWorker == "1" }
        return d
    }

    /// The own account, asked when the archive holds none: put into `declaration`.
    func account(into declaration: inout AssistanceService.Declaration, errors: inout FieldErrors) {
        if bankName.isEmpty { errors.add("bank_name", UI.Portal.bankNameMissing) }
        let account = errors.parse("bank_account", bankAccount, missing: UI.Portal.bankAccountMissing) { try BankAccountNumber($0) }
        guard errors.isEmpty else { return }
        declaration.bankName = String(bankName.prefix(60))
        declaration.bankAccount = account
    }
}
