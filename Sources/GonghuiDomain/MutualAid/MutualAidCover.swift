import Foundation

/// A member's place in a round (参保记录) as the cover rules read it.
public struct MutualAidEnrollment: Equatable, Sendable {
    public enum Exit: String, Codable, Sendable {
        /// 退会: covered for events before the day.
        case withdrawn
        /// 死亡: covered up to and including the day (the death is the event).
        case deceased
    }

    public var enrolledOn: CivilDate
    /// When the unit's contribution for the member was received; nil while unpaid.
    public var paidOn: CivilDate?
    /// Enrolled in the plan's previous round without a break: no waiting period (续保).
    public var renewal: Bool
    public var exit: (kind: Exit, on: CivilDate)?

    public init(enrolledOn: CivilDate, paidOn: CivilDate?, renewal: Bool, exit: (kind: Exit, on: CivilDate)? = nil) {
        self.enrolledOn = enrolledOn; self.paidOn = paidOn; self.renewal = renewal; self.exit = exit
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.enrolledOn == b.enrolledOn && a.paidOn == b.paidOn && a.renewal == b.renewal && a.exit?.kind == b.exit?.kind && a.exit?.on == b.exit?.on
    }
}

/// Whether a member is covered on a day, and from when to when (保障期间). A transfer to another
/// union changes nothing: the cover follows the member to the round's end.
public enum MutualAidCover {
    /// The last day of the waiting period (the enrollment day not counted), or nil for a renewal.
    public static func waitingEnds(_ e: MutualAidEnrollment, terms: MutualAidTerms) -> CivilDate? {
        e.renewal || terms.waitingDays == 0 ? nil : e.enrolledOn.adding(days: terms.waitingDays)
    }

    /// The first covered day: the round's start, once the contribution is received and the waiting
    /// period has passed; nil while unpaid.
    public static func from(_ e: MutualAidEnrollment, round: MutualAidRound) -> CivilDate? {
        guard let paid = e.paidOn else { return nil }
        var first = max(round.startsOn, paid, e.enrolledOn)
        if let waiting = waitingEnds(e, terms: round.terms) { first = max(first, waiting.adding(days: 1)) }
        return first
    }

    /// The last covered day for an event of `kind`: the round's end, or the day before a withdrawal,
    /// or the day of death for the death itself.
    public static func to(_ e: MutualAidEnrollment, round: MutualAidRound, for kind: MutualAidEventKind) -> CivilDate {
        guard let exit = e.exit else { return round.endsOn }
        let last = exit.kind == .deceased && kind.isDeath ? exit.on : exit.on.adding(days: -1)
        return min(round.endsOn, last)
    }

    /// Why an event on `day` is not covered, or nil when it is.
    public static func problem(_ e: MutualAidEnrollment?, round: MutualAidRound, event kind: MutualAidEventKind, on day: CivilDate) -> String? {
        guard let e else { return "事发时未参加本轮互助" }
        guard let first = from(e, round: round) else { return "所在单位的本轮互助金尚未到账，保障尚未开始" }
        if day < first {
            if let waiting = waitingEnds(e, terms: round.terms), day <= waiting {
                return "事发日 \(day.iso) 在等待期内（\(e.enrolledOn.iso) 参保，等待期 \(round.terms.waitingDays) 天至 \(waiting.iso)）"
            }
            return "事发日 \(day.iso) 早于保障开始日 \(first.iso)"
        }
        let last = to(e, round: round, for: kind)
        if day > last {
            if let exit = e.exit, last < round.endsOn {
                return "事发日 \(day.iso) 不在保障期内：会员已于 \(exit.on.iso) \(exit.kind == .withdrawn ? "退会" : "身故")"
            }
            return "事发日 \(day.iso) 晚于本轮保障结束日 \(last.iso)"
        }
        return nil
    }
}
