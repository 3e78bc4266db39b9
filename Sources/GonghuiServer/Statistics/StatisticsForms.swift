import Foundation
import GonghuiDomain

/// The date a statistics page is asked for (`asOf`).
struct StatisticsDate {
    let raw: String
    init(_ raw: String) { self.raw = raw }

    /// The date asked for, or today with the reason it was not taken.
    func parse(today: CivilDate = .today()) -> (CivilDate, String?) {
        guard !raw.isEmpty else { return (today, nil) }
        guard let d = try? CivilDate(parsing: raw) else { return (today, UI.Statistics.dateNotValid(raw)) }
        if d > today { return (today, UI.Statistics.dateInFuture) }
        if d.year < 1950 { return (today, UI.Statistics.dateTooEarly) }
        return (d, nil)
    }
}

/// The form recording a collective contract.
struct ContractForm {
    static let fieldNames: Set<String> = ["kind", "signedOn", "validFrom", "validTo", "workersCovered"]

    /// The values as typed, to show the form again.
    var values: [String: String] = [:]

    struct Parsed {
        var kind: String
        var signedOn: CivilDate?
        var validFrom: CivilDate
        var validTo: CivilDate?
        var workersCovered: Int
    }

    init() {}

    init(_ form: WebForm) {
        for name in Self.fieldNames { values[name] = form[name] }
    }

    func parse(into errors: inout FieldErrors, today: CivilDate = .today()) -> Parsed? {
        let signedOn = errors.date("signedOn", values["signedOn"] ?? "", required: false)
        let validFrom = errors.date("validFrom", values["validFrom"] ?? "")
        let validTo = errors.date("validTo", values["validTo"] ?? "", required: false)
        if let s = signedOn, s > today { errors.add("signedOn", UI.Statistics.signedInFuture) }
        let workers = Int(values["workersCovered"] ?? "")
        if workers == nil { errors.add("workersCovered", UI.Statistics.workersCoveredMissing) }
        guard errors.isEmpty, let validFrom, let workers else { return nil }
        return Parsed(kind: values["kind"] ?? "", signedOn: signedOn, validFrom: validFrom, validTo: validTo, workersCovered: workers)
    }
}
