import GonghuiDemo
import GonghuiDomain
import Testing

@Suite("Demo organization tree")
struct OrgTreeTests {
    @Test("codes are unique ASCII of at most 32 characters")
    func codes() {
        var seen = Set<String>()
        for org in Fixtures.standard.orgs {
            #expect(seen.insert(org.code).inserted, "\(org.code) twice")
            #expect(!org.code.isEmpty && org.code.utf8.count <= 32 && org.code.allSatisfy(\.isASCII), "\(org.code)")
        }
    }

    @Test("one root; parents come before children and may contain them", arguments: Fixtures.Name.allCases)
    func parentsBeforeChildren(fixture: Fixtures.Name) throws {
        let province = fixture.province
        var kinds: [String: OrgKind] = [:]
        let root = try #require(province.orgs.first)
        #expect(root.kind == .province && root.parentCode == nil)
        kinds[root.code] = root.kind
        for org in province.orgs.dropFirst() {
            let parent = try #require(org.parentCode, "\(org.code) has no parent")
            let parentKind = try #require(kinds[parent], "\(org.code) comes before its parent \(parent)")
            #expect(parentKind.mayContain(org.kind), "\(parentKind) \(parent) may not contain \(org.kind) \(org.code)")
            #expect(org.code.hasPrefix(parent), "\(org.code) does not extend its parent's code \(parent)")
            kinds[org.code] = org.kind
        }
        #expect(kinds.count == province.orgs.count)
    }

    @Test("the territorial levels follow Hubei's real divisions")
    func territorialLevels() throws {
        let catalog = RegionCatalog.builtIn
        let orgs = Fixtures.standard.orgs
        let cities = orgs.filter { $0.kind == .city }
        #expect(cities.count == 17)
        #expect(cities.first?.name == "武汉市总工会")
        #expect(cities.contains { $0.name == "仙桃市总工会" && $0.regionCode == "429004" })
        #expect(orgs.filter { $0.kind == .county }.count == 99)
        #expect(orgs.contains { $0.name == "武汉市江岸区总工会" && $0.regionCode == "420102" })
        for org in orgs {
            let region = try RegionCode(org.regionCode)
            #expect(catalog.contains(region), "\(org.code): \(org.regionCode) is not in the catalog")
            switch org.kind {
            case .province: #expect(org.regionCode == "420000")
            case .city: #expect(region.level != .province)
            default: #expect(region.level == .county, "\(org.code) sits in \(org.regionCode)")
            }
        }
    }

    @Test("counts are the requested ones", arguments: Fixtures.Name.allCases)
    func counts(fixture: Fixtures.Name) {
        let province = fixture.province
        let orgs = province.orgs
        let grassroots = orgs.filter { $0.kind == .grassroots }.count
        let federations = orgs.filter { $0.kind == .federation }.count
        #expect(grassroots + federations == province.options.grassrootsUnions)
        #expect(orgs.filter { $0.kind == .township }.count == province.options.townships)
        let federationShare = Double(federations) / Double(province.options.grassrootsUnions)
        #expect((0.03...0.08).contains(federationShare))
        let withBranches = Set(orgs.filter { $0.kind == .branch }.compactMap(\.parentCode)).count
        #expect((0.06...0.15).contains(Double(withBranches) / Double(grassroots)))
        #expect(orgs.contains { $0.kind == .group })
        let federationCodes = Set(orgs.filter { $0.kind == .federation }.map(\.code))
        #expect(orgs.contains { $0.kind == .grassroots && federationCodes.contains($0.parentCode ?? "") })
    }

    @Test("the default size follows the number of members")
    func defaultUnionCount() {
        #expect(DemoOptions().grassrootsUnions == 10_000)
        #expect(DemoOptions(members: 1_000_000).grassrootsUnions == 50_000)
        #expect(DemoOptions(members: 10_000_000).grassrootsUnions == 100_000)
        #expect(DemoOptions(members: 5_000).grassrootsUnions == 10_000)
        #expect(DemoOptions(members: 5_000, grassrootsUnions: 40).grassrootsUnions == 40)
    }

    @Test("names say what each union is")
    func names() {
        for org in Fixtures.standard.orgs {
            switch org.kind {
            case .province, .city, .county: #expect(org.name.hasSuffix("总工会"), "\(org.name)")
            case .township, .grassroots: #expect(org.name.hasSuffix("工会") && !org.name.hasSuffix("总工会"), "\(org.name)")
            case .federation: #expect(org.name.hasSuffix("工会联合会"), "\(org.name)")
            case .branch: #expect(org.name.hasSuffix("分工会"), "\(org.name)")
            case .group: #expect(org.name.hasSuffix("工会小组"), "\(org.name)")
            }
        }
        let grassrootsNames = Fixtures.standard.orgs.filter { $0.kind.countsAsGrassroots }.map(\.name)
        #expect(Set(grassrootsNames).count == grassrootsNames.count)
    }

    /// Real towns of Hubei the generator once put in districts they are not in (江岸区 held
    /// 邾城镇, 阳逻镇, 厉山, 浩口): a township's name is its county's and a name found in every county.
    @Test("townships are named as their own district's, never after a real town elsewhere")
    func townshipNames() {
        let elsewhere = ["邾城", "阳逻", "厉山", "浩口", "仓埠", "淅河", "岳口", "纸坊", "奓山", "漕河"]
        let byCode = Dictionary(Fixtures.standard.orgs.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let towns = Fixtures.standard.orgs.filter { $0.kind == .township }
        #expect(!towns.isEmpty)
        for town in towns {
            // "江岸区新民街道工会" under "武汉市江岸区总工会": it begins with its parent's district.
            let county = (town.parentCode.flatMap { byCode[$0] }?.name ?? "").replacingOccurrences(of: "总工会", with: "")
            let area = (2...max(2, county.count)).map { String(county.suffix($0)) }.last { town.name.hasPrefix($0) }
            #expect(area != nil, "\(town.name) under \(county)")
            let place = String(town.name.dropFirst(area?.count ?? 0))
            #expect(!elsewhere.contains { place.contains($0) }, "\(town.name)")
        }
    }

    @Test("founding dates: children after parents, nothing after the demo's today")
    func foundingDates() {
        let province = Fixtures.standard
        let orgs = Fixtures.orgsByCode(province)
        for org in province.orgs {
            #expect(org.foundedOn <= province.options.asOf)
            if let parent = org.parentCode.flatMap({ orgs[$0] }) {
                #expect(org.foundedOn >= parent.foundedOn, "\(org.code) founded before \(parent.code)")
            }
        }
    }

    @Test("workforce figures: only grassroots units have them, and they are consistent")
    func workforce() {
        for org in Fixtures.standard.orgs {
            if org.kind.countsAsGrassroots {
                #expect(org.employees > 0)
                #expect(org.womenEmployees <= org.employees && org.migrantEmployees <= org.employees)
                #expect(org.chairName != nil)
            } else {
                #expect(org.employees == 0 && org.womenEmployees == 0 && org.migrantEmployees == 0)
            }
        }
    }
}
