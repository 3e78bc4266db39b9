import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo edge cases")
struct EdgeCaseTests {
    @Test("a province without members still has its tree and logins")
    func noMembers() {
        let province = DemoProvince(options: DemoOptions(members: 0, grassrootsUnions: 30))
        #expect(province.members().isEmpty)
        #expect(province.orgs.filter { $0.kind.countsAsGrassroots }.count == 30)
        #expect(province.accounts.count == 6)
    }

    @Test("fewer members than unions: every member still lands in a union, with a valid unique number")
    func fewerMembersThanUnions() throws {
        let province = DemoProvince(options: DemoOptions(members: 50, grassrootsUnions: 200, seed: 3))
        let orgs = Fixtures.orgsByCode(province)
        var numbers = Set<String>()
        for member in province.members() {
            _ = try IDNumber(member.idNumber, today: province.options.asOf)
            numbers.insert(member.idNumber)
            #expect(orgs[member.orgCode].map { !$0.kind.isTerritorial } == true)
        }
        #expect(numbers.count == 50)
    }

    @Test("without townships, grassroots unions sit directly under the counties")
    func noTownships() throws {
        var options = DemoOptions(members: 2_000, grassrootsUnions: 150, seed: 5)
        options.townships = 0
        let province = DemoProvince(options: options)
        let orgs = Fixtures.orgsByCode(province)
        #expect(!province.orgs.contains { $0.kind == .township })
        for org in province.orgs where org.kind.countsAsGrassroots {
            let parent = try #require(org.parentCode.flatMap { orgs[$0] })
            #expect(parent.kind.mayContain(org.kind))
        }
        #expect(province.members().count == 2_000)
    }

    @Test("a different today moves birth and join dates with it")
    func otherToday() throws {
        var options = DemoOptions(members: 3_000, grassrootsUnions: 100, seed: 11)
        options.asOf = try #require(CivilDate(year: 2020, month: 6, day: 30))
        let province = DemoProvince(options: options)
        for org in province.orgs { #expect(org.foundedOn <= options.asOf) }
        for member in province.members() {
            #expect(member.joinedOn <= options.asOf)
            #expect((1954...1999).contains(member.birthDate.year))
            _ = try IDNumber(member.idNumber, today: options.asOf)
        }
    }
}
