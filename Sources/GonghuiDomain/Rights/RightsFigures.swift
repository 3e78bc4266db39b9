import Foundation

/// The rights-protection figures beside the dispute figures of a node and a period: the risk
/// alerts raised, by rule, and how fast they were acknowledged; the legal-aid applications by
/// decision and outcome, the amounts obtained for workers and the fees paid (in fen); the
/// supervision letters by kind, the employers that corrected and those referred.
public struct RightsFigures: Sendable, Equatable {
    public struct AlertLine: Sendable, Equatable {
        public var raised = 0
        public var acknowledged = 0
        public var closed = 0
        /// Acknowledged within 24 hours of being raised.
        public var acknowledgedWithinDay = 0
        /// Hours from raising to acknowledgement, summed over the acknowledged ones.
        public var hoursToAcknowledge: Int64 = 0
        public init() {}

        /// The mean hours to acknowledge, one decimal, or nil when none was acknowledged.
        public var meanHours: String? {
            acknowledged == 0 ? nil : String(format: "%.1f", Double(hoursToAcknowledge) / Double(acknowledged))
        }
    }

    public var alerts: [WarningRule: AlertLine] = [:]
    public var legalAidApplications = 0
    public var legalAidApproved = 0
    public var legalAidRefused = 0
    public var legalAidByOutcome: [LegalAidOutcome: Int] = [:]
    public var legalAidObtained = Money.zero
    public var legalAidFees = Money.zero
    /// Supervision letters issued in the period, by kind (一函两书).
    public var letters: [SupervisionLetterKind: Int] = [:]
    /// Supervisions that ended in the period with the employer's correction (after a letter, or
    /// ordered by the labor department).
    public var supervisionCorrected = 0
    /// Supervisions referred to the labor department in the period (the proposal sent).
    public var supervisionReferred = 0
    /// The labor department's decisions recorded in the period.
    public var laborDecisions: [LaborDepartmentDecision: Int] = [:]

    public init() {}

    public var alertTotal: AlertLine {
        alerts.values.reduce(into: AlertLine()) { t, l in
            t.raised += l.raised; t.acknowledged += l.acknowledged; t.closed += l.closed
            t.acknowledgedWithinDay += l.acknowledgedWithinDay; t.hoursToAcknowledge += l.hoursToAcknowledge
        }
    }

    /// The keys `gonghui report disputes` adds to its JSON.
    public var keyed: [(key: String, value: Int64)] {
        let t = alertTotal
        return [("legal_aid_cases", Int64(legalAidApplications)), ("legal_aid_approved", Int64(legalAidApproved)), ("legal_aid_refused", Int64(legalAidRefused)),
                ("legal_aid_obtained_fen", legalAidObtained.fen), ("legal_aid_fee_fen", legalAidFees.fen), ("alerts", Int64(t.raised)),
                ("alerts_acknowledged", Int64(t.acknowledged)), ("alerts_acknowledged_within_24h", Int64(t.acknowledgedWithinDay)), ("alerts_closed", Int64(t.closed)),
                ("supervision_reminders", Int64(letters[.reminder] ?? 0)), ("supervision_opinions", Int64(letters[.opinion] ?? 0)),
                ("supervision_proposals", Int64(letters[.proposal] ?? 0)), ("supervision_corrected", Int64(supervisionCorrected)),
                ("supervision_referred", Int64(supervisionReferred))]
    }
}
