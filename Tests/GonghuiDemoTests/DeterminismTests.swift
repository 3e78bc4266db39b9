import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo determinism")
struct DeterminismTests {
    @Test("the same options give the same province")
    func sameSeedSameProvince() {
        var options = DemoOptions(members: 20_000, grassrootsUnions: 800, seed: 42)
        options.townships = 60
        let first = DemoProvince(options: options)
        let second = DemoProvince(options: options)
        #expect(first.orgs == second.orgs)
        #expect(first.accounts == second.accounts)
        #expect(Array(first.members()) == Array(second.members()))
    }

    @Test("another seed gives another province")
    func otherSeedOtherProvince() {
        let first = DemoProvince(options: DemoOptions(members: 5_000, grassrootsUnions: 300, seed: 1))
        let second = DemoProvince(options: DemoOptions(members: 5_000, grassrootsUnions: 300, seed: 2))
        #expect(first.orgs.map(\.name) != second.orgs.map(\.name))
        let firstIDs = first.members().prefix(100).map(\.idNumber)
        let secondIDs = second.members().prefix(100).map(\.idNumber)
        #expect(Set(firstIDs).isDisjoint(with: secondIDs))
    }

    @Test("member(at:) agrees with the sequence, in any order")
    func randomAccess() {
        let province = Fixtures.small
        let members = province.members()
        #expect(members.count == province.options.members)
        for index in [0, 1, 17, 4_999, 12_345, province.options.members - 1] {
            #expect(province.member(at: index) == members[index])
        }
        let slice = province.members(100..<200)
        #expect(slice.count == 100)
        #expect(Array(slice) == Array(members[100..<200]))
        let backwards = (0..<50).reversed().map { province.member(at: $0) }
        #expect(backwards.reversed() == Array(members.prefix(50)))
    }

    @Test("the first members are scattered over the province, not bunched in one union")
    func firstMembersScattered() {
        let codes = Fixtures.standard.members().prefix(1_000).map(\.orgCode)
        #expect(Set(codes).count > 500)
    }
}
