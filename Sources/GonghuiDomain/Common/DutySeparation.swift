/// Money needs two people (职责分离，不相容岗位相互分离): whoever prepared a step that moves money —
/// recorded or reviewed a grant, and in time a mutual-aid claim or a loan — may not also approve
/// it. On by default, as a policy rule with its source (a province may record its own from a
/// date); a system job (the command line, the demo builder) acts for no one person and is not
/// held to it.
public enum DutySeparation {
    public static let key = "duties.separate_approval"

    /// In force since the rule took effect: 1 = separated, 0 = not.
    public static let rule = PolicyRule(key: key, value: 1, effectiveFrom: CivilDate(year: 2014, month: 1, day: 1)!,
                                        source: "《行政事业单位内部控制规范（试行）》（财会〔2012〕21号）第十二条：不相容岗位相互分离")

    /// What someone did to prepare the step.
    public enum Part: String, Sendable {
        /// 登记: entered it (an officer applying for a worker, or generating a union's grants).
        case recorded
        /// 审核: reviewed it.
        case reviewed
        /// 生成: made it (a payment batch).
        case made

        public var title: String {
            switch self {
            case .recorded: "登记"
            case .reviewed: "审核"
            case .made: "生成"
            }
        }
    }

    /// Whether separation holds on `date` under `book` (the default rule when the book has none).
    public static func inForce(_ book: PolicyBook, on date: CivilDate) -> Bool {
        (book.rule(key, on: date) ?? (date >= rule.effectiveFrom ? rule : nil))?.value != 0
    }

    /// Why `approver` may not approve a step they helped prepare, or nil when they may. `parts`
    /// names who did what (usernames; nil when no officer did it, e.g. a worker's own application).
    public static func refusal(approver: String, parts: [(Part, String?)], what: String) -> String? {
        for (part, who) in parts where who == approver {
            return "您\(part.title)了这笔\(what)，按职责分离的规定（不相容岗位相互分离）不能再由您批准，请由另一位有审批权限的人员批准"
        }
        return nil
    }
}
