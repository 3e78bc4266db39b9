import Foundation

extension AssistanceProgram {
    /// What is wrong with a new program's code and name (设立帮扶项目), each with its field.
    public static func problems(code: String, name: String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if code.isEmpty || code.count > 32 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(FieldProblem(field: "code", value: code, reason: "项目代码为 1 至 32 位字母、数字或连字符"))
        }
        if name.isEmpty || name.count > 50 { problems.append(FieldProblem(field: "name", value: name, reason: "请填写项目名称（最多 50 字）")) }
        return problems
    }
}

extension ProgramCycle {
    /// What is wrong with a cycle about to open (开设帮扶项目批次): its rules, name, dates and budget.
    public static func openingProblems(name: String, startsOn: CivilDate, endsOn: CivilDate, budget: Money, rules: GrantRules) -> [FieldProblem] {
        var problems = rules.problems.map { FieldProblem(field: "rules", value: "", reason: $0) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldProblem(field: "name", value: "", reason: "请填写批次名称，如“2027年春节送温暖”")) }
        if endsOn < startsOn { problems.append(FieldProblem(field: "ends_on", value: endsOn.iso, reason: "结束日期不能早于开始日期")) }
        if budget.fen <= 0 { problems.append(FieldProblem(field: "budget", value: budget.yuanString, reason: "预算应大于 0")) }
        return problems
    }

    /// Whether the cycle takes applications on `day`: open, and the day within its dates.
    public func accepts(on day: CivilDate) -> Bool { isOpen && startsOn <= day && day <= endsOn }

    /// Why the actor may not close the cycle, or nil: only the union that runs it, or one above.
    public func closingRefusal(for scope: Scope) -> String? {
        scope.contains(path: ownerOrgPath) ? nil : "\(name)由\(ownerOrgName)开设，只能由该工会或其上级结束受理"
    }
}

/// What an applicant declares, with papers, beyond what the registry knows (申请时申报的情况).
public struct GrantDeclaration: Sendable, Equatable {
    public var childAdmission: ChildAdmission?
    public var illness: String?
    public var outOfPocket: Money?
    public var outdoorWorker: Bool
    /// For someone without an archive: the person's own account.
    public var bankName: String?
    public var bankAccount: BankAccountNumber?

    public init(childAdmission: ChildAdmission? = nil, illness: String? = nil, outOfPocket: Money? = nil, outdoorWorker: Bool = false,
                bankName: String? = nil, bankAccount: BankAccountNumber? = nil) {
        self.childAdmission = childAdmission; self.illness = illness; self.outOfPocket = outOfPocket; self.outdoorWorker = outdoorWorker
        self.bankName = bankName; self.bankAccount = bankAccount
    }
}

/// A step an officer takes on an application (审核、批准、不予通过).
public enum GrantStep: Sendable, Equatable {
    /// The grassroots union confirms the application.
    case review
    /// The level that owns the budget approves: the amount is reserved.
    case approve
    case reject(reason: String)

    /// The event and audit name of the step.
    public var eventKind: String {
        switch self {
        case .review: "reviewed"
        case .approve: "approved"
        case .reject: "rejected"
        }
    }

    /// Why the step cannot be taken on a grant in `state`, or nil: review only a submitted
    /// application, approve only a reviewed one, refuse either of those and only with a reason.
    public func refusal(from state: GrantState) -> GrantStepRefusal? {
        switch self {
        case .review:
            state == .submitted ? nil : .wrongState("申请当前为“\(state.title)”，不能再审核")
        case .approve:
            state == .reviewed ? nil : .wrongState("申请当前为“\(state.title)”，须先经基层工会审核")
        case .reject(let reason):
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { .missingReason }
            else if state == .submitted || state == .reviewed { nil }
            else { .wrongState("申请当前为“\(state.title)”，不能退回") }
        }
    }
}

public enum GrantStepRefusal: Error, Sendable, Equatable {
    /// The grant is not in a state the step starts from.
    case wrongState(String)
    /// A refusal must say why: the worker reads it.
    case missingReason
}

/// What to do with one row of the bank's results (银行回单), given the line's current result.
public enum BankResultCheck: Sendable, Equatable {
    case apply
    /// The same result again: counted, never applied twice.
    case alreadyRecorded
    case refused(value: String, reason: String)
}

extension BankResult {
    /// Checks the row against the line it names: a recorded result never changes, the bank's
    /// date lies between the batch's making (a day's grace for time zones) and today, and a
    /// failure says why.
    public func check(current: String, batchMadeOn: CivilDate, today: CivilDate) -> BankResultCheck {
        if current == "paid" && paid || current == "failed" && !paid { return .alreadyRecorded }
        if current != "pending" {
            return .refused(value: reference, reason: "该笔已登记为“\(current == "paid" ? "成功" : "失败")”，不能改为“\(paid ? "成功" : "失败")”，请与银行核实")
        }
        if let on, on > today || on < batchMadeOn.adding(days: -1) {
            return .refused(value: on.iso, reason: "入账日期应在批次生成之后、不晚于今天")
        }
        if !paid && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            return .refused(value: reference, reason: "失败的一笔须写明失败原因")
        }
        return .apply
    }
}
