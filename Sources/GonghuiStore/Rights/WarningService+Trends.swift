import Foundation
import GonghuiDomain
import SQLKit

/// The trend rules, run once a day (the server's job, or `gonghui warnings run` from cron). Each
/// alert's key names what it is about and its period, so a day's run raises what is new and a
/// second run the same day raises nothing.
extension WarningService {
    /// A received case, as the trend rules count it.
    struct Received {
        var id: Int64
        var caseNo: String
        var provinceID: Int64
        var path: String
        var employer: String
        var employerKey: String
        var region: String?
        var industry: String?
        var wageArrears: Bool
        var on: CivilDate
    }

    public func runTrends(today: CivilDate = .today()) async throws -> WarningRunReport {
        let audit = self.audit
        return try await database.write { db in
            let policy = try await DisputeService.policy(on: db)
            let rule = { (key: String) in policy.rule(key, on: today)?.value ?? WarningPolicy.defaults.rule(key, on: today)?.value ?? 0 }
            var report = WarningRunReport(on: today)
            let weeks = max(1, rule(WarningPolicy.surgeWeeks))
            let festivalDays = max(1, rule(WarningPolicy.festivalDays))
            // The earliest day the surge's weeks, the employer's days and this year's festival window look at;
            // last year's festival window is read apart, and only in the season.
            let (season, notes) = WarningTrends.festivalSeason(today: today, days: festivalDays, calendar: policy.calendar)
            let from = min(today.adding(days: -(7 * (weeks + 1))), today.adding(days: -rule(WarningPolicy.employerDays)), season?.start ?? today)
            let cases = try await Self.received(from: from, to: today, on: db)
            var raised: [Int64] = []
            raised += try await Self.employerRepeats(cases, today: today, policy: policy, count: rule(WarningPolicy.employerCases),
                                                     days: rule(WarningPolicy.employerDays), audit: audit, on: db)
            for (rule_, keyPath) in [(WarningRule.regionSurge, \Received.region), (.industrySurge, \Received.industry)] {
                raised += try await Self.surges(cases, rule: rule_, by: keyPath, today: today, policy: policy, weeks: weeks,
                                                sigmaTenths: rule(WarningPolicy.surgeSigmaTenths), minimum: rule(WarningPolicy.surgeMinimum), audit: audit, on: db)
            }
            if let season {
                let lastYear = try await Self.received(from: season.lastStart, to: season.lastEnd, on: db)
                raised += try await Self.festivalArrears(cases + lastYear, season: season, today: today, policy: policy, days: festivalDays,
                                                         minimum: rule(WarningPolicy.festivalMinimum), depth: rule(WarningPolicy.escalateDepth), audit: audit, on: db)
            }
            report.notes = notes
            for id in raised { report.raised.append(try await Self.locate(id, actor: .system("read"), on: db)) }
            return report
        }
    }

    static func received(from: CivilDate, to: CivilDate, on db: any SQLDatabase) async throws -> [Received] {
        try await db.raw("""
            SELECT c.id, c.case_no, c.province_id, c.employer_name, c.employer_credit_code, c.employer_region, c.employer_industry, c.types, c.received_on, o.path
            FROM dispute_cases c JOIN orgs o ON o.id = c.org_id
            WHERE c.received_on >= \(bind: from.iso) AND c.received_on <= \(bind: to.iso) ORDER BY c.received_on, c.id
            """).all().map { row in
            let name = try row.decode(column: "employer_name", as: String.self)
            let code = try row.decode(column: "employer_credit_code", as: String?.self)
            return Received(id: try row.decode(column: "id", as: Int64.self), caseNo: try row.decode(column: "case_no", as: String.self),
                            provinceID: try row.decode(column: "province_id", as: Int64.self), path: try row.decode(column: "path", as: String.self),
                            employer: name, employerKey: code.flatMap { $0.isEmpty ? nil : $0 } ?? name,
                            region: try row.decode(column: "employer_region", as: String?.self).flatMap { $0.isEmpty ? nil : $0 },
                            industry: try row.decode(column: "employer_industry", as: String?.self).flatMap { $0.isEmpty ? nil : $0 },
                            wageArrears: try row.decode(column: "types", as: String.self).contains(",\(DisputeType.wageArrears.rawValue),"),
                            on: try Rows.date(row, "received_on") ?? to)
        }
    }

    /// Raises an alert on the lowest union holding every case of a trend.
    static func raiseOnCommonUnion(_ rule: WarningRule, cases: [Received], subject: String, summary: String, today: CivilDate, key: String,
                                   policy: PolicyBook, audit: AuditWriter, on db: any SQLDatabase) async throws -> Int64? {
        let path = WarningTrends.commonAncestor(cases.map(\.path))
        guard let orgID = path.split(separator: "/").last.flatMap({ Int64($0) }), let first = cases.first else { return nil }
        return try await raise(rule, orgID: orgID, orgPath: path, provinceID: first.provinceID, caseID: nil, subject: subject, summary: summary,
                               on: today, key: key, includeOwn: true, policy: policy, actor: .system("warnings"), audit: audit, on: db)
    }

    /// An employer with `count` or more cases received in the last `days` days (today counted).
    static func employerRepeats(_ cases: [Received], today: CivilDate, policy: PolicyBook, count: Int, days: Int, audit: AuditWriter,
                                on db: any SQLDatabase) async throws -> [Int64] {
        guard count > 0, days > 0 else { return [] }
        let start = today.adding(days: -(days - 1))
        let recent = cases.filter { $0.on >= start }
        var raised: [Int64] = []
        let groups = Dictionary(grouping: recent) { "\($0.provinceID)|\($0.employerKey)" }
        for key in groups.keys.sorted() {
            guard let group = groups[key], group.count >= count else { continue }
            let source = policy.rule(WarningPolicy.employerCases, on: today)?.source ?? ""
            let summary = "\(group[0].employer) 在 \(start.iso) 至 \(today.iso) 的 \(days) 日内有 \(group.count) 件案件（\(group.map(\.caseNo).joined(separator: "、"))），达到 \(count) 件（\(source)）"
            if let id = try await raiseOnCommonUnion(.employerRepeat, cases: group, subject: group[0].employer, summary: summary, today: today,
                                                     key: "employer:\(key):\(group[0].id)", policy: policy, audit: audit, on: db) {
                raised.append(id)
            }
        }
        return raised
    }

    /// A region or industry whose cases in the seven days ending today exceed the mean of the
    /// `weeks` seven-day blocks before by more than k standard deviations.
    static func surges(_ cases: [Received], rule: WarningRule, by value: KeyPath<Received, String?>, today: CivilDate, policy: PolicyBook,
                       weeks: Int, sigmaTenths: Int, minimum: Int, audit: AuditWriter, on db: any SQLDatabase) async throws -> [Int64] {
        let monday = today.adding(days: -(today.isoWeekday - 1))
        let groups = Dictionary(grouping: cases.filter { $0[keyPath: value] != nil }) { "\($0.provinceID)|\($0[keyPath: value]!)" }
        var raised: [Int64] = []
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            let (current, history) = WarningTrends.weekly(group.map(\.on), today: today, weeks: weeks)
            guard WarningTrends.isSurge(current: current, history: history, sigmaTenths: sigmaTenths, minimum: minimum) else { continue }
            let raw = group[0][keyPath: value]!
            let name = rule == .regionSurge
                ? ((try? RegionCode(raw)).flatMap { RegionCatalog.builtIn.fullName(of: $0) }.map { "\($0)（\(raw)）" } ?? raw)
                : (NationalCodes.industryName(raw) ?? raw)
            let (mean, deviation) = WarningTrends.meanAndDeviation(history)
            let k = Double(sigmaTenths) / 10
            let source = policy.rule(WarningPolicy.surgeSigmaTenths, on: today)?.source ?? ""
            let summary = "\(rule == .regionSurge ? "地区" : "行业") \(name) 近 7 日（\(today.adding(days: -6).iso) 至 \(today.iso)）案件 \(current) 件，"
                + "前 \(weeks) 周每周 \(history.map(String.init).joined(separator: "、")) 件，均值 \(WarningTrends.oneDecimal(mean))、标准差 \(WarningTrends.oneDecimal(deviation))，"
                + "超过均值加 \(WarningTrends.oneDecimal(k)) 倍标准差（\(WarningTrends.oneDecimal(mean + k * deviation)) 件）（\(source)）"
            let thisWeek = group.filter { today.daysSinceEpoch - $0.on.daysSinceEpoch < 7 }
            if let id = try await raiseOnCommonUnion(rule, cases: thisWeek, subject: name, summary: summary, today: today,
                                                     key: "\(rule.rawValue):\(key):\(monday.iso)", policy: policy, audit: audit, on: db) {
                raised.append(id)
            }
        }
        return raised
    }

    /// In the `days` days before the Spring Festival, wage-arrears cases so far against the same
    /// days before last year's, per province and per union at the escalation depth: more than last
    /// year and at least `minimum` alerts, once a season.
    static func festivalArrears(_ cases: [Received], season: WarningTrends.FestivalSeason, today: CivilDate, policy: PolicyBook, days: Int, minimum: Int,
                                depth: Int, audit: AuditWriter, on db: any SQLDatabase) async throws -> [Int64] {
        let (year, festival, lastFestival) = (season.year, season.festival, season.lastFestival)
        let (start, lastStart, lastEnd) = (season.start, season.lastStart, season.lastEnd)
        let arrears = cases.filter(\.wageArrears)
        let levels = Array(Set([0, max(0, depth)])).sorted()
        var raised: [Int64] = []
        for level in levels {
            // The union at `level` above each case (cases handled higher up count only where they are).
            let byUnion = Dictionary(grouping: arrears) { c -> String in
                let ids = c.path.split(separator: "/")
                return ids.count > level ? "/" + ids.prefix(level + 1).joined(separator: "/") + "/" : ""
            }
            for path in byUnion.keys.sorted() where !path.isEmpty {
                let group = byUnion[path]!
                let now = group.filter { $0.on >= start && $0.on <= today }
                let before = group.filter { $0.on >= lastStart && $0.on <= lastEnd }
                guard now.count >= minimum, now.count > before.count,
                      let orgID = path.split(separator: "/").last.flatMap({ Int64($0) }) else { continue }
                let name = try await db.raw("SELECT name FROM orgs WHERE id = \(bind: orgID)").first()?.decode(column: "name", as: String.self) ?? path
                let source = policy.rule(WarningPolicy.festivalMinimum, on: today)?.source ?? ""
                let summary = "\(name)：\(year) 年春节（\(festival.iso)）前 \(days) 日内，\(start.iso) 至 \(today.iso) 受理欠薪案件 \(now.count) 件，"
                    + "上年同期（\(lastStart.iso) 至 \(lastEnd.iso)，春节 \(lastFestival.iso)）\(before.count) 件（\(source)）"
                if let id = try await raise(.festivalArrears, orgID: orgID, orgPath: path, provinceID: now[0].provinceID, caseID: nil, subject: name,
                                            summary: summary, on: today, key: "festival:\(year):\(orgID)", includeOwn: true, policy: policy,
                                            actor: .system("warnings"), audit: audit, on: db) {
                    raised.append(id)
                }
            }
        }
        return raised
    }
}
