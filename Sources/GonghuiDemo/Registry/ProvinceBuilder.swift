import GonghuiDomain

/// Turns an `OrgPlan` into the province's organizations and member index: shares the members
/// out over the unions, sizes each union's workforce, writes the orgs in tree order and lays out
/// the member slots.
struct ProvinceBuilder {
    let options: DemoOptions
    let plan: OrgPlan
    private(set) var orgs: [DemoOrg] = []
    /// Org index of each unit and of each of its branches.
    private var unitOrg: [Int] = []
    private var branchOrgs: [[Int]] = []
    /// Members per unit, and per holder within it (the unit itself first, then its branches).
    private let unitMembers: [Int]
    private let holderMembers: [[Int]]
    private var unitWomenOffset: [Int] = []
    private var unitMigrantOffset: [Int] = []

    init(plan: OrgPlan, options: DemoOptions) {
        self.plan = plan
        self.options = options
        let units = plan.units
        let total = options.members
        precondition(total == 0 || !units.isEmpty, "members need at least one grassroots union")
        // Every union gets a few members, the rest in proportion to its size.
        let base = units.isEmpty ? 0 : min(3, total / units.count)
        let shares = apportion(total - base * units.count, weights: units.map(\.weight))
        unitMembers = shares.map { $0 + base }
        var holders: [[Int]] = []
        holders.reserveCapacity(units.count)
        for (index, unit) in units.enumerated() {
            if unit.branches.isEmpty {
                holders.append([unitMembers[index]])
            } else {
                var rng = SplitMix64(options.seed, .branches, index)
                let weights = [rng.inRange(150...300)] + unit.branches.map { _ in rng.inRange(100...300) }
                holders.append(apportion(unitMembers[index], weights: weights))
            }
        }
        holderMembers = holders
        emitTree()
    }

    // MARK: Organizations

    private mutating func emitTree() {
        unitOrg = Array(repeating: -1, count: plan.units.count)
        branchOrgs = Array(repeating: [], count: plan.units.count)
        unitWomenOffset = Array(repeating: 0, count: plan.units.count)
        unitMigrantOffset = Array(repeating: 0, count: plan.units.count)
        emitTerritorial(0)
    }

    private mutating func emitTerritorial(_ index: Int) {
        let node = plan.territorials[index]
        var rng = SplitMix64(options.seed, .orgDetails, 1_000_000_000 + index)
        let parentCode = node.parent.map { plan.territorials[$0].code }
        orgs.append(DemoOrg(
            code: node.code, name: node.name, parentCode: parentCode, kind: node.kind, creditCode: nil,
            regionCode: node.regionCode, unitNature: nil, industry: nil, employees: 0, womenEmployees: 0,
            migrantEmployees: 0, foundedOn: CivilDate(daysSinceEpoch: node.foundedDay),
            chairName: PersonNames.make(female: rng.perMille(250), birthYear: rng.inRange(1962...1978), using: &rng),
            hasWomenCommittee: true, hasFundsAuditCommittee: true, hasWorkersCongress: false,
            hasFactoryAffairsOpenness: false, hasLaborProtectionCommittee: false, hasMediationCommittee: false))
        for unit in node.units { emitUnit(unit, parentCode: node.code) }
        for child in node.children { emitTerritorial(child) }
    }

    private mutating func emitUnit(_ index: Int, parentCode: String) {
        let unit = plan.units[index]
        var rng = SplitMix64(options.seed, .orgDetails, index)
        let members = unitMembers[index]
        let rate = rng.inRange(600...1000)
        var employees = (members * 1000 + rate - 1) / rate
        if members == 0 { employees = rng.inRange(3...20) }
        let womenOffset = rng.below(1000)
        let migrantOffset = rng.below(1000)
        unitWomenOffset[index] = womenOffset
        unitMigrantOffset[index] = migrantOffset
        let womenMembers = MemberIndex.latticeCount(members, perMille: unit.womenPerMille, offset: womenOffset)
        let migrantMembers = MemberIndex.latticeCount(members, perMille: unit.migrantPerMille, offset: migrantOffset)
        let women = min(employees, max(womenMembers, (employees * unit.womenPerMille + 500) / 1000))
        let migrants = min(employees, max(migrantMembers, (employees * unit.migrantPerMille + 500) / 1000))

        let (nature, industry) = ProvinceBuilder.natureAndIndustry(unit)
        let congressChance = switch unit.type {
        case .organ, .institution: 900
        case .enterprise: employees >= 100 ? 900 : 450
        case .community: 500
        case .federation: 400
        }
        let congress = rng.perMille(congressChance)
        let heavyIndustry = industry.map { $0.hasPrefix("C") || $0.hasPrefix("E") || $0.hasPrefix("G") } ?? false
        let founded = CivilDate(daysSinceEpoch: unit.foundedDay)

        unitOrg[index] = orgs.count
        orgs.append(DemoOrg(
            code: unit.code, name: unit.unionName, parentCode: parentCode,
            kind: unit.type == .federation ? .federation : .grassroots,
            creditCode: creditCode(for: unit, index: index),
            regionCode: unit.regionCode, unitNature: nature, industry: industry, employees: employees,
            womenEmployees: women, migrantEmployees: migrants, foundedOn: founded,
            chairName: PersonNames.make(female: rng.perMille(unit.womenPerMille), birthYear: rng.inRange(1965...1990), using: &rng),
            hasWomenCommittee: rng.perMille(women >= 25 ? 900 : (women >= 10 ? 500 : 150)),
            hasFundsAuditCommittee: rng.perMille(members >= 25 ? 950 : 700),
            hasWorkersCongress: congress,
            hasFactoryAffairsOpenness: rng.perMille(congress ? 950 : 200),
            hasLaborProtectionCommittee: rng.perMille(heavyIndustry ? 600 : (unit.type == .federation ? 300 : 200)),
            hasMediationCommittee: rng.perMille(employees >= 100 ? 750 : 250)))

        let latest = options.asOf.daysSinceEpoch - 30
        var groupNumber = 0
        for branch in unit.branches {
            let branchCode = unit.code + "B" + OrgPlan.pad(branchOrgs[index].count + 1, 2)
            let branchDay = unit.foundedDay + rng.below(max(1, min(10 * 365, latest - unit.foundedDay + 1)))
            branchOrgs[index].append(orgs.count)
            orgs.append(DemoOrg(
                code: branchCode, name: unit.unitName + branch.department + "分工会", parentCode: unit.code,
                kind: .branch, creditCode: nil, regionCode: unit.regionCode, unitNature: nature, industry: industry,
                employees: 0, womenEmployees: 0, migrantEmployees: 0,
                foundedOn: CivilDate(daysSinceEpoch: branchDay),
                chairName: PersonNames.make(female: rng.perMille(unit.womenPerMille), birthYear: rng.inRange(1968...1992), using: &rng),
                hasWomenCommittee: false, hasFundsAuditCommittee: false, hasWorkersCongress: false,
                hasFactoryAffairsOpenness: false, hasLaborProtectionCommittee: false, hasMediationCommittee: false))
            for group in 0..<branch.groups {
                let groupDay = branchDay + rng.below(max(1, min(5 * 365, latest - branchDay + 1)))
                orgs.append(groupOrg(code: branchCode + "Z" + OrgPlan.pad(group + 1, 2),
                                     name: unit.unitName + branch.department + "第" + OrgVocabulary.numeral(group + 1) + "工会小组",
                                     parent: branchCode, unit: unit, nature: nature, industry: industry, day: groupDay))
            }
        }
        for _ in 0..<unit.directGroups {
            groupNumber += 1
            let groupDay = unit.foundedDay + rng.below(max(1, min(5 * 365, latest - unit.foundedDay + 1)))
            orgs.append(groupOrg(code: unit.code + "Z" + OrgPlan.pad(groupNumber, 2),
                                 name: unit.unitName + "第" + OrgVocabulary.numeral(groupNumber) + "工会小组",
                                 parent: unit.code, unit: unit, nature: nature, industry: industry, day: groupDay))
        }
        for member in unit.memberUnits { emitUnit(member, parentCode: unit.code) }
    }

    private func groupOrg(code: String, name: String, parent: String, unit: OrgPlan.Unit, nature: UnitNature?,
                          industry: String?, day: Int) -> DemoOrg {
        DemoOrg(code: code, name: name, parentCode: parent, kind: .group, creditCode: nil, regionCode: unit.regionCode,
                unitNature: nature, industry: industry, employees: 0, womenEmployees: 0, migrantEmployees: 0,
                foundedOn: CivilDate(daysSinceEpoch: day), chairName: nil,
                hasWomenCommittee: false, hasFundsAuditCommittee: false, hasWorkersCongress: false,
                hasFactoryAffairsOpenness: false, hasLaborProtectionCommittee: false, hasMediationCommittee: false)
    }

    /// 单位性质 and GB/T 4754 division of a unit.
    private static func natureAndIndustry(_ unit: OrgPlan.Unit) -> (UnitNature?, String?) {
        switch unit.type {
        case .enterprise: return (unit.nature, unit.industry)
        case .federation: return (nil, unit.industry)
        case .community: return (nil, "S96")
        case .organ: return (.organ, "S92")
        case .institution:
            let name = unit.unitName
            if ["医院", "卫生", "保健", "疾病"].contains(where: name.contains) { return (.institution, "Q84") }
            if ["图书馆", "文化"].contains(where: name.contains) { return (.institution, "R88") }
            if name.contains("农业") { return (.institution, "A05") }
            if name.contains("社会保障") { return (.institution, "S94") }
            return (.institution, "P83")
        }
    }

    // MARK: Credit codes

    /// GB 32100: registration authority and category (91 enterprise, 92 individual business,
    /// 11 organ, 12 institution, 52 private non-enterprise, 59 other civil-affairs
    /// registration, 81 grassroots union as a legal person), the registering region, the
    /// 9-character organization code (GB 11714, with its own check) and the check character.
    private func creditCode(for unit: OrgPlan.Unit, index: Int) -> String {
        let authority: String = switch unit.type {
        case .organ: "11"
        case .institution: "12"
        case .community: "59"
        case .federation: "81"
        case .enterprise:
            switch unit.nature {
            case .individual: "92"
            case .privateNonEnterprise: "52"
            default: "91"
            }
        }
        let body: [UInt8]
        let founded = CivilDate(daysSinceEpoch: unit.foundedDay)
        if unit.type == .enterprise && founded.year >= 2016 {
            // Codes issued since the 2015 reform: "MA" and letters.
            var value = ProvinceBuilder.newCodes(options.seed)(index)
            var letters = [UInt8](repeating: 0, count: 5)
            for k in stride(from: 4, through: 0, by: -1) {
                letters[k] = ProvinceBuilder.creditAlphabet[value % 31]
                value /= 31
            }
            body = Array("MA4".utf8) + letters
        } else {
            var value = ProvinceBuilder.oldCodes(options.seed)(index)
            var digits = [UInt8](repeating: 0, count: 8)
            for k in stride(from: 7, through: 0, by: -1) {
                digits[k] = UInt8(0x30 + value % 10)
                value /= 10
            }
            body = digits
        }
        let organizationCode = String(decoding: body + [ProvinceBuilder.organizationCheck(body)], as: UTF8.self)
        let first17 = authority + unit.creditRegion + organizationCode
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    private static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    private static func newCodes(_ seed: UInt64) -> FeistelPermutation {
        FeistelPermutation(size: 31 * 31 * 31 * 31 * 31, key: derive(seed, StreamTag.credit.rawValue, 1))
    }

    private static func oldCodes(_ seed: UInt64) -> FeistelPermutation {
        FeistelPermutation(size: 100_000_000, key: derive(seed, StreamTag.credit.rawValue, 2))
    }

    /// GB 11714 check: weights 3 7 9 10 5 8 4 2 over values 0–9, A=10 … Z=35;
    /// C = 11 − (Σ mod 11), 10 written X and 11 written 0.
    static func organizationCheck(_ body: [UInt8]) -> UInt8 {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (k, byte) in body.enumerated() {
            let value = byte <= 0x39 ? Int(byte) - 0x30 : Int(byte) - 0x41 + 10
            sum += value * weights[k]
        }
        let check = 11 - sum % 11
        return check == 10 ? UInt8(ascii: "X") : (check == 11 ? UInt8(ascii: "0") : UInt8(0x30 + check))
    }

    // MARK: Member index

    func makeMemberIndex() -> MemberIndex {
        let units = plan.units
        let areaCount = plan.geography.areas.count
        var unitsByArea = Array(repeating: [Int](), count: areaCount)
        for (index, unit) in units.enumerated() { unitsByArea[unit.area].append(index) }

        var holders: [MemberIndex.Holder] = []
        var holderCode: [String] = []
        var unitStart = Array(repeating: 0, count: units.count)
        var areaStart: [Int] = []
        var slot = 0
        for area in 0..<areaCount {
            areaStart.append(slot)
            for unit in unitsByArea[area] {
                unitStart[unit] = slot
                let orgIndices = [unitOrg[unit]] + branchOrgs[unit]
                for (k, count) in holderMembers[unit].enumerated() where count > 0 {
                    slot += count
                    let org = orgs[orgIndices[k]]
                    holders.append(MemberIndex.Holder(end: slot, unit: Int32(unit),
                                                      foundedDay: Int32(org.foundedOn.daysSinceEpoch)))
                    holderCode.append(org.code)
                }
            }
        }
        areaStart.append(slot)
        precondition(slot == options.members)

        let traits: [MemberIndex.UnitTraits] = units.indices.map { index in
            let unit = units[index]
            let profile: MemberIndex.MemberProfile = switch unit.type {
            case .organ, .institution: .publicSector
            case .community: .community
            case .federation: unit.newForms ? .newForms : .smallEmployers
            case .enterprise:
                unit.newForms ? .newForms
                    : (["I65", "M75"].contains(unit.industry ?? "") ? .knowledge : .enterprise)
            }
            return MemberIndex.UnitTraits(
                start: unitStart[index], count: Int32(unitMembers[index]), area: Int32(unit.area),
                women: Int16(unit.womenPerMille), womenOffset: Int16(unitWomenOffset[index]),
                migrant: Int16(unit.migrantPerMille), migrantOffset: Int16(unitMigrantOffset[index]),
                profile: profile)
        }

        // Outsiders' first registration: three parts elsewhere in Hubei (rural counties more
        // than Wuhan's districts), one part in the neighbouring provinces.
        let areas = plan.geography.areas
        let hubeiWeights = areas.map { area in (area.city == 0 ? 1 : 3) * (area.weight / 1000 + 1) }
        let hubeiShares = apportion(750, weights: hubeiWeights)
        let others = Geography.otherProvinceCodes
        let otherShares = apportion(250, weights: others.map { _ in 1 })
        return MemberIndex(
            seed: options.seed, count: options.members, asOf: options.asOf, holders: holders,
            holderCode: holderCode, units: traits, areaStart: areaStart,
            addressCodes: areas.map(\.code) + others, outsiderWeights: hubeiShares + otherShares)
    }

    // MARK: Accounts

    func makeAccounts() -> [DemoAccount] {
        let province = orgs[0]
        let cityIndex = plan.cityNode.first ?? 0
        let city = plan.territorials[cityIndex]
        let preferredArea = plan.geography.areas.firstIndex { $0.code == "420102" }
            ?? plan.geography.areas.firstIndex { $0.county != nil } ?? 0
        let county = plan.territorials[plan.areaNode[preferredArea]]

        // The chair: a mid-sized union of that county with branch unions if there is one.
        let candidates = plan.units.indices.filter { index in
            plan.units[index].type != .federation && plan.units[index].code.hasPrefix(county.code)
                && plan.units[index].code != county.code
        }
        let sized = candidates.filter { unitMembers[$0] <= 1500 }
        let chairUnit = sized.filter { !plan.units[$0].branches.isEmpty }.max { unitMembers[$0] < unitMembers[$1] }
            ?? sized.max { unitMembers[$0] < unitMembers[$1] }
            ?? candidates.first
            ?? plan.units.indices.first { plan.units[$0].type != .federation }
        let chairOrg = chairUnit.map { orgs[unitOrg[$0]] }

        return [
            DemoAccount(username: "admin", password: "Demo-2026!admin", displayName: "系统管理员",
                        role: Role.systemAdmin.rawValue, orgCode: province.code),
            DemoAccount(username: "wuhan", password: "Demo-2026!wuhan", displayName: city.name + "管理员",
                        role: Role.orgAdmin.rawValue, orgCode: city.code),
            DemoAccount(username: "county", password: "Demo-2026!county", displayName: county.name + "管理员",
                        role: Role.orgAdmin.rawValue, orgCode: county.code),
            DemoAccount(username: "chair", password: "Demo-2026!chair",
                        displayName: (chairOrg?.chairName ?? "工会主席") + "（" + (chairOrg?.name ?? county.name) + "主席）",
                        role: Role.orgAdmin.rawValue, orgCode: chairOrg?.code ?? county.code),
            DemoAccount(username: "reviewer", password: "Demo-2026!reviewer", displayName: county.name + "审核员",
                        role: Role.reviewer.rawValue, orgCode: county.code),
            DemoAccount(username: "auditor", password: "Demo-2026!auditor", displayName: province.name + "审计员",
                        role: Role.auditor.rawValue, orgCode: province.code),
        ]
    }
}
