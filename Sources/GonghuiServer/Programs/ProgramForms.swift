import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore

// The forms of the assistance programme pages: each keeps what was typed (to show it again) and
// checks its fields, filing problems under the field they concern. Pure: no store, no request.

/// A new programme (province only).
struct ProgramForm {
    static let fields: Set<String> = ["code", "name"]
    let values: [String: String]

    init(_ form: WebForm) {
        values = ["code": form["code"], "name": form["name"], "kind": form["kind"], "description": form["description"]]
    }

    struct Parsed {
        var code: String
        var name: String
        var kind: ProgramKind
        var description: String
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        let kind = ProgramKind(rawValue: values["kind"] ?? "")
        if kind == nil { errors.add("kind", UI.Programs.kindMissing) }
        guard let kind, errors.isEmpty else { return nil }
        return Parsed(code: values["code"] ?? "", name: values["name"] ?? "", kind: kind, description: String((values["description"] ?? "").prefix(2000)))
    }
}

/// A new cycle of a programme, with its budget and (optionally) its rules as JSON.
struct CycleForm {
    static let fields: Set<String> = ["program", "name", "ends_on", "budget", "rules"]
    let values: [String: String]

    init(_ form: WebForm) {
        values = ["program": form["program"], "name": form["name"], "starts_on": form["starts_on"], "ends_on": form["ends_on"],
                  "budget": form["budget"], "rules": form.raw("rules")]
    }

    struct Parsed {
        var programCode: String
        var name: String
        var startsOn: CivilDate
        var endsOn: CivilDate
        var budget: Money
        var rules: GrantRules?
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        let program = values["program"] ?? "", name = values["name"] ?? ""
        if program.isEmpty { errors.add("program", UI.Programs.programMissing) }
        if name.isEmpty { errors.add("name", UI.Programs.cycleNameMissing) }
        let starts = errors.date("starts_on", values["starts_on"] ?? "")
        let ends = errors.date("ends_on", values["ends_on"] ?? "")
        let budget = errors.money("budget", values["budget"] ?? "", missing: UI.Programs.budgetMissing)
        let rules = Self.parseRules(values["rules"] ?? "", errors: &errors)
        guard let starts, let ends, let budget, errors.isEmpty else { return nil }
        return Parsed(programCode: program, name: String(name.prefix(100)), startsOn: starts, endsOn: ends, budget: budget, rules: rules)
    }

    /// The rules typed as JSON: an array of rules or an object with `rules`; empty means the preset.
    static func parseRules(_ text: String, errors: inout FieldErrors) -> GrantRules? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return nil }
        let json = t.hasPrefix("[") ? "{\"rules\":" + t + "}" : t
        do {
            let rules = try JSONDecoder().decode(GrantRules.self, from: Data(json.utf8))
            let problems = rules.problems
            if !problems.isEmpty { errors.add("rules", problems.joined(separator: UI.Programs.listSeparator)); return nil }
            return rules
        } catch {
            errors.add("rules", UI.Programs.rulesMalformed)
            return nil
        }
    }
}

/// Part of a cycle's budget given to a direct child of the actor's union.
struct AllocationForm {
    static let fields: Set<String> = ["to_org_code", "amount"]
    let values: [String: String]

    init(_ form: WebForm) {
        values = ["to_org_code": form["to_org_code"], "amount": form["amount"]]
    }

    var toOrgCode: String { values["to_org_code"] ?? "" }

    func parse(into errors: inout FieldErrors) -> Money? {
        if toOrgCode.isEmpty { errors.add("to_org_code", UI.Programs.allocateToMissing) }
        let amount = errors.money("amount", values["amount"] ?? "", missing: UI.Programs.allocateAmountMissing)
        guard let amount, errors.isEmpty else { return nil }
        return amount
    }
}

/// An application made by an officer on a worker's behalf, with what the worker declares.
struct GrantApplicationForm {
    static let fields: Set<String> = ["member_id", "bank_account"]
    let values: [String: String]

    init(_ form: WebForm) {
        values = ["member_id": form["member_id"], "child_admission": form["child_admission"], "illness": form["illness"],
                  "out_of_pocket": form["out_of_pocket"], "outdoor_worker": form["outdoor_worker"], "bank_name": form["bank_name"],
                  "bank_account": form["bank_account"]]
    }

    struct Parsed {
        var memberID: Int64
        var declaration: AssistanceService.Declaration
    }

    /// The member's number when it is one, even if other fields are wrong.
    var memberID: Int64? {
        guard let id = Int64(values["member_id"] ?? ""), id > 0 else { return nil }
        return id
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        func value(_ key: String) -> String { values[key] ?? "" }
        if memberID == nil { errors.add("member_id", UI.Programs.memberIDMissing) }
        var declaration = AssistanceService.Declaration()
        declaration.childAdmission = ChildAdmission(rawValue: value("child_admission"))
        declaration.illness = value("illness").isEmpty ? nil : String(value("illness").prefix(40))
        declaration.outOfPocket = errors.money("out_of_pocket", value("out_of_pocket"), missing: nil)
        declaration.outdoorWorker = value("outdoor_worker") == "1"
        declaration.bankName = value("bank_name").isEmpty ? nil : String(value("bank_name").prefix(100))
        if !value("bank_account").isEmpty {
            declaration.bankAccount = errors.parse("bank_account", value("bank_account"), missing: "") { try BankAccountNumber($0) }
        }
        guard let memberID, errors.isEmpty else { return nil }
        return Parsed(memberID: memberID, declaration: declaration)
    }
}

/// A step on a grant: review, approve, or reject with a reason; from the grant page or the list.
struct GrantDecisionForm {
    let step: String
    let reason: String
    let version: Int?
    /// "list" when sent from the worklist, which it returns to (with its state filter).
    let back: String
    let state: String

    init(_ form: WebForm) {
        step = form["action"]
        reason = form["reason"]
        version = Int(form["version"])
        back = form["back"]
        state = form["state"]
    }

    var fromList: Bool { back == "list" }

    func parse() throws -> AssistanceService.Decision {
        switch step {
        case "review": return .review
        case "approve": return .approve
        case "reject": return .reject(reason: String(reason.prefix(500)))
        default: throw WebError.badRequest(UI.Programs.unknownStep)
        }
    }

    /// The flash shown after the step.
    var flash: String { "pg_" + (step == "review" ? "reviewed" : step == "approve" ? "approved" : "rejected") }
}

/// Paying a failed grant again, to the same account or to a corrected one.
struct RequeueForm {
    static let fields: Set<String> = ["bank_account", "bank_name"]
    let values: [String: String]

    init(_ form: WebForm) {
        values = ["bank_name": form["bank_name"], "bank_account": form["bank_account"]]
    }

    struct Parsed {
        var bankName: String?
        var bankAccount: BankAccountNumber?
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        let name = values["bank_name"] ?? "", typed = values["bank_account"] ?? ""
        var account: BankAccountNumber?
        if !typed.isEmpty { account = errors.parse("bank_account", typed, missing: "") { try BankAccountNumber($0) } }
        guard errors.isEmpty else { return nil }
        return Parsed(bankName: name.isEmpty ? nil : String(name.prefix(100)), bankAccount: account)
    }
}

/// The second person's decision on a proposed account.
struct AccountDecisionForm {
    let approve: Bool
    let reason: String

    init(_ form: WebForm) {
        approve = form["decision"] == "approve"
        reason = String(form["reason"].prefix(500))
    }
}

/// The bank's results file of a batch.
struct BankResultsForm {
    let file: WebForm.File?

    init(_ form: WebForm) {
        file = form.files["file"].flatMap { $0.data.isEmpty ? nil : $0 }
    }

    /// The problem when no file was sent.
    static let missing = [FieldProblem(field: "", value: "", reason: UI.Programs.resultsFileMissing)]

    /// The results, nil without a file; a file that cannot be read throws its problems
    /// (`AssistanceFiles.ReadError`, `FileError`).
    func parse() throws -> [BankResult]? {
        guard let file else { return nil }
        return try AssistanceFiles.bankResults(try TableReader(data: file.data, fileName: file.fileName))
    }
}
