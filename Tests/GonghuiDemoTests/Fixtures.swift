import GonghuiDemo
import GonghuiDomain

/// Provinces shared by the tests; each is built once per test run.
enum Fixtures {
    /// The province `gonghui serve --demo` uses.
    static let standard = DemoProvince()

    /// Small enough to walk every member.
    static let small: DemoProvince = {
        var options = DemoOptions(members: 30_000, grassrootsUnions: 1_500, seed: 7)
        options.townships = 120
        return DemoProvince(options: options)
    }()

    /// The fixtures by name, for parameterized tests.
    enum Name: String, CaseIterable, Sendable {
        case standard, small
        var province: DemoProvince { self == .standard ? Fixtures.standard : Fixtures.small }
    }

    static func orgsByCode(_ province: DemoProvince) -> [String: DemoOrg] {
        Dictionary(uniqueKeysWithValues: province.orgs.map { ($0.code, $0) })
    }

    /// The first 17 digits of an identity number as an integer: they determine the check
    /// character, so distinct integers mean distinct numbers.
    static func key(ofIDNumber id: String) -> UInt64 {
        var value: UInt64 = 0
        for byte in id.utf8.prefix(17) { value = value * 10 + UInt64(byte - 0x30) }
        return value
    }

    /// The grassroots union or federation a member-holding org belongs to (itself, or the
    /// union of a branch).
    static func holdingUnion(of code: String, in orgs: [String: DemoOrg]) -> DemoOrg? {
        var org = orgs[code]
        while let current = org, !current.kind.countsAsGrassroots {
            guard let parent = current.parentCode else { return nil }
            org = orgs[parent]
        }
        return org
    }
}
