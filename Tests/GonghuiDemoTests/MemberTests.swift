import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo members")
struct MemberTests {
    @Test("members belong to grassroots unions, federations or branches, never territorial ones")
    func membersInNonTerritorialUnions() throws {
        let province = Fixtures.small
        let orgs = Fixtures.orgsByCode(province)
        for member in province.members() {
            let org = try #require(orgs[member.orgCode], "\(member.orgCode) is no org")
            #expect([OrgKind.grassroots, .federation, .branch].contains(org.kind), "\(member.orgCode) is \(org.kind)")
        }
    }

    @Test("a union's employees are at least its members, women and migrants included")
    func employeesCoverMembers() throws {
        let province = Fixtures.small
        let orgs = Fixtures.orgsByCode(province)
        var members: [String: Int] = [:]
        var women: [String: Int] = [:]
        var migrants: [String: Int] = [:]
        for member in province.members() {
            let union = try #require(Fixtures.holdingUnion(of: member.orgCode, in: orgs))
            members[union.code, default: 0] += 1
            if member.gender == .female { women[union.code, default: 0] += 1 }
            if member.isMigrant { migrants[union.code, default: 0] += 1 }
        }
        #expect(members.values.reduce(0, +) == province.options.members)
        for org in province.orgs where org.kind.countsAsGrassroots {
            #expect(org.employees >= members[org.code, default: 0], "\(org.code)")
            #expect(org.womenEmployees >= women[org.code, default: 0], "\(org.code)")
            #expect(org.migrantEmployees >= migrants[org.code, default: 0], "\(org.code)")
            // Membership rate 60–100 %.
            #expect(members[org.code, default: 0] == 0 || org.employees * 6 <= members[org.code, default: 0] * 10 + 10,
                    "\(org.code): \(members[org.code, default: 0]) of \(org.employees)")
        }
    }

    @Test("join dates: after the union's founding and the member's 16th birthday, never after today")
    func joinDates() throws {
        let province = Fixtures.small
        let orgs = Fixtures.orgsByCode(province)
        let asOf = province.options.asOf
        var years = Set<Int>()
        var monthsThisYear = Set<Int>()
        for member in province.members() {
            let org = try #require(orgs[member.orgCode])
            #expect(member.joinedOn >= org.foundedOn, "\(member.orgCode) founded \(org.foundedOn), joined \(member.joinedOn)")
            #expect(member.joinedOn <= asOf)
            #expect(member.birthDate.age(on: member.joinedOn) >= 16)
            years.insert(member.joinedOn.year)
            if member.joinedOn.year == asOf.year { monthsThisYear.insert(member.joinedOn.month) }
        }
        #expect(Set(2015...2026).isSubset(of: years))
        #expect(monthsThisYear == Set(1...11))
    }

    @Test("members are spread over the unions by size: many small unions, a few with thousands")
    func unionSizes() throws {
        let province = Fixtures.standard
        let orgs = Fixtures.orgsByCode(province)
        var sizes: [String: Int] = [:]
        for member in province.members() {
            let union = try #require(Fixtures.holdingUnion(of: member.orgCode, in: orgs))
            sizes[union.code, default: 0] += 1
        }
        let sorted = province.orgs.filter { $0.kind.countsAsGrassroots }.map { sizes[$0.code, default: 0] }.sorted()
        let median = sorted[sorted.count / 2]
        #expect((5...50).contains(median))
        #expect(sorted.last! >= 1_000)
        #expect(sorted.filter { $0 >= 1_000 }.count < sorted.count / 100)
        #expect(sorted.first! >= 3)
    }

    @Test("Wuhan holds the most members")
    func wuhanIsLargest() {
        let province = Fixtures.small
        let orgRegion = Dictionary(uniqueKeysWithValues: province.orgs.map { ($0.code, $0.regionCode) })
        var byCity: [Substring: Int] = [:]
        for member in province.members() { byCity[orgRegion[member.orgCode]!.prefix(4), default: 0] += 1 }
        let largest = byCity.max { $0.value < $1.value }!
        #expect(largest.key == "4201")
        #expect(Double(largest.value) / Double(province.options.members) > 0.25)
    }

    @Test("the member mix is close to the intended shares")
    func shares() {
        let province = Fixtures.standard
        let count = 50_000
        var status: [MemberStatus: Int] = [:]
        var employment: [EmploymentType: Int] = [:]
        var migrants = 0
        var women = 0
        var retainedOlder = 0
        for member in province.members().prefix(count) {
            status[member.status, default: 0] += 1
            employment[member.employmentType, default: 0] += 1
            if member.isMigrant { migrants += 1 }
            if member.gender == .female { women += 1 }
            if member.status == .retained && member.birthDate.age(on: province.options.asOf) >= 50 { retainedOlder += 1 }
        }
        func share(_ n: Int?) -> Double { Double(n ?? 0) / Double(count) }
        #expect((0.91...0.95).contains(share(status[.active])))
        #expect((0.03...0.055).contains(share(status[.retained])))
        #expect((0.01...0.03).contains(share(status[.withdrawn])))
        #expect((0.005...0.015).contains(share(status[.deceased])))
        #expect(Double(retainedOlder) > 0.7 * Double(status[.retained] ?? 0))
        #expect((0.20...0.30).contains(share(migrants)))
        #expect((0.30...0.50).contains(share(women)))
        #expect(share((employment[.fixedTerm] ?? 0) + (employment[.openEnded] ?? 0)) > 0.7)
        for kind in EmploymentType.allCases { #expect(employment[kind, default: 0] > 0, "no \(kind)") }
    }

    @Test("new-form workers gather in the courier and ride-hailing federations")
    func newFormsInFederations() {
        let province = Fixtures.standard
        let names = Dictionary(uniqueKeysWithValues: province.orgs.map { ($0.code, $0.name) })
        var inTrades = 0
        var newForms = 0
        for member in province.members().prefix(50_000) where member.employmentType == .newForms {
            newForms += 1
            let name = names[member.orgCode] ?? ""
            if ["快递", "网约车", "外卖", "速递", "供应链"].contains(where: name.contains) { inTrades += 1 }
        }
        #expect(newForms > 0)
        #expect(Double(inTrades) > 0.8 * Double(newForms))
    }

    @Test("names, ethnicity and education look real")
    func personalDetails() {
        let province = Fixtures.standard
        let surnames = ["王", "李", "张", "刘", "陈"]
        var common = 0
        var tujiaInEnshi = 0
        var enshi = 0
        let count = 30_000
        for member in province.members().prefix(count) {
            #expect((2...4).contains(member.name.count), "\(member.name)")
            #expect(member.name.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }, "\(member.name)")
            if surnames.contains(where: member.name.hasPrefix) { common += 1 }
            #expect(["初中及以下", "高中", "中专", "大专", "本科", "研究生"].contains(member.education))
            #expect(member.ethnicity.hasSuffix("族"))
            if member.idNumber.hasPrefix("4228") {
                enshi += 1
                if member.ethnicity == "土家族" { tujiaInEnshi += 1 }
            }
        }
        // 王李张刘陈 are about 30 % of Chinese people.
        #expect((0.25...0.36).contains(Double(common) / Double(count)))
        #expect(enshi > 0 && Double(tujiaInEnshi) / Double(enshi) > 0.3)
    }
}
