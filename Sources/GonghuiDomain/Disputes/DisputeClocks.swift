/// The law's clocks for a case (DOMAIN.md §9). Periods count calendar days, and as the Civil Code
/// counts them (民法典 art. 201–202): the starting day is not counted, so a 15-day period that
/// starts on 1 March ends at the end of 16 March, and a one-year period ends on the same date a
/// year later. A deadline's rule is the one in force on the day its period starts.
public enum DisputeClocks {
    /// The day by which the union must say whether it accepts a petition or complaint.
    public static func acceptanceDue(receivedOn: CivilDate, policy: PolicyBook) -> CivilDate {
        period(DisputePolicy.acceptanceDays, from: receivedOn, policy)
    }

    /// The day by which an accepted case must be handled, with an extension already granted.
    public static func handlingDue(acceptedOn: CivilDate, extendedDays: Int, policy: PolicyBook) -> CivilDate {
        period(DisputePolicy.handlingDays, from: acceptedOn, policy, extra: extendedDays)
    }

    /// The last day of a mediation: after it, without an agreement, either party may apply for
    /// arbitration (art. 14).
    public static func mediationDue(appliedOn: CivilDate, policy: PolicyBook) -> CivilDate {
        period(DisputePolicy.mediationDays, from: appliedOn, policy)
    }

    /// The last day on which the worker may still apply for arbitration (art. 27): a year from
    /// when they knew of the violation; for wage arrears, no limit while the job lasts and a year
    /// from its end once it has ended. Nil when the period has not started (wages, job ongoing).
    public static func limitationEnds(type: DisputeType, learnedOn: CivilDate, employmentEndedOn: CivilDate?, policy: PolicyBook) -> CivilDate? {
        let start: CivilDate
        if type == .wageArrears {
            guard let ended = employmentEndedOn else { return nil }
            start = ended
        } else {
            start = learnedOn
        }
        return start.adding(years: days(DisputePolicy.limitationYears, on: start, policy))
    }

    /// The earliest limitation among the case's dispute types: the one an officer must watch.
    public static func limitationEnds(types: [DisputeType], learnedOn: CivilDate?, employmentEndedOn: CivilDate?, policy: PolicyBook) -> CivilDate? {
        guard let learnedOn else { return nil }
        return types.compactMap { limitationEnds(type: $0, learnedOn: learnedOn, employmentEndedOn: employmentEndedOn, policy: policy) }.min()
    }

    /// Whether the limitation warning shows on `today`: fewer than the configured days remain,
    /// and the period has not yet run out.
    public static func limitationWarning(endsOn: CivilDate?, today: CivilDate, policy: PolicyBook) -> Bool {
        guard let endsOn, today <= endsOn else { return false }
        return today.days(until: endsOn) < days(DisputePolicy.limitationWarningDays, on: today, policy)
    }

    /// Whether the limitation has run out on `today` (the last day itself is still within it).
    public static func limitationExpired(endsOn: CivilDate?, today: CivilDate) -> Bool {
        guard let endsOn else { return false }
        return today > endsOn
    }

    /// The arbitration commission's days: to accept (art. 29), and to decide (art. 43), with the
    /// one extension when it was granted.
    public static func arbitrationAcceptanceDue(appliedOn: CivilDate, policy: PolicyBook) -> CivilDate {
        period(DisputePolicy.arbitrationAcceptanceDays, from: appliedOn, policy)
    }

    public static func arbitrationAwardDue(acceptedOn: CivilDate, extended: Bool, policy: PolicyBook) -> CivilDate {
        let extra = extended ? days(DisputePolicy.arbitrationExtensionDays, on: acceptedOn, policy) : 0
        return period(DisputePolicy.arbitrationAwardDays, from: acceptedOn, policy, extra: extra)
    }

    /// Whether an award on a claim is final for the employer (art. 47 (1)): a claim for wages,
    /// work-injury medical costs, economic compensation or damages of at most twelve months of
    /// the local minimum wage. Each claim is measured on its own.
    public static func isFinalAward(type: DisputeType, amount: Money, minimumWage: Money, on date: CivilDate, policy: PolicyBook) -> Bool {
        guard type.isMoneyClaim else { return false }
        return amount.fen <= minimumWage.fen * Int64(days(DisputePolicy.finalAwardMonths, on: date, policy))
    }

    /// Whether the workers make a collective case (art. 7): at least the configured number with
    /// a common claim.
    public static func isCollective(workers: Int, on date: CivilDate, policy: PolicyBook) -> Bool {
        workers >= days(DisputePolicy.collectiveWorkers, on: date, policy)
    }

    /// Days left until a due date: negative once it has passed, 0 on the day itself.
    public static func daysLeft(until due: CivilDate, today: CivilDate) -> Int {
        today.days(until: due)
    }

    /// The end of the period `key` sets from `start`: in calendar days, or in working days when the
    /// rule in force says so (a province's rule may count its days as 工作日).
    public static func period(_ key: String, from start: CivilDate, _ policy: PolicyBook, extra: Int = 0) -> CivilDate {
        policy.end(of: rule(key, on: start, policy), from: start, extra: extra)
    }

    static func rule(_ key: String, on date: CivilDate, _ policy: PolicyBook) -> PolicyRule {
        if let r = policy.rule(key, on: date) { return r }
        if let r = DisputePolicy.defaults.rule(key, on: date) ?? DisputePolicy.defaults.rules.first(where: { $0.key == key }) { return r }
        preconditionFailure("no policy rule \(key)")
    }

    /// A rule's number; the defaults cover every key from the laws' dates, so a missing rule is a
    /// programming error.
    public static func days(_ key: String, on date: CivilDate, _ policy: PolicyBook) -> Int {
        rule(key, on: date, policy).value
    }
}
