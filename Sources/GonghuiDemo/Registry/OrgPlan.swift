import GonghuiDomain

/// The shape of the synthetic organization tree before it is written out as `DemoOrg`s:
/// territorial unions (province, cities, counties, townships) and the grassroots units below
/// them, with their employers, sizes and branch unions.
struct OrgPlan {
    enum UnitType: UInt8 { case enterprise, institution, organ, community, federation }

    /// Where a grassroots unit hangs in the tree.
    enum Parent {
        case territorial(Int)
        /// A member union of a federation (index of the federation's unit).
        case federation(Int)
    }

    struct Territorial {
        var kind: OrgKind
        var code: String
        var name: String
        var parent: Int?
        var regionCode: String
        var area: Int?
        var foundedDay: Int
        /// Unit indices placed directly below, in order.
        var units: [Int] = []
        /// Territorial children, in order.
        var children: [Int] = []
    }

    struct Branch {
        var department: String
        var groups: Int
    }

    struct Unit {
        var type: UnitType
        var area: Int
        var parent: Parent
        var code: String = ""
        /// The employer or unit (单位名称), without "工会".
        var unitName: String
        var unionName: String
        var regionCode: String
        var creditRegion: String
        var industry: String?
        var nature: UnitNature?
        /// Relative size (employment weight).
        var weight: Int
        var womenPerMille: Int
        var migrantPerMille: Int
        var newForms: Bool
        var foundedDay: Int
        var branches: [Branch] = []
        var directGroups: Int = 0
        /// Member unions of a federation, in order.
        var memberUnits: [Int] = []
    }

    let geography: Geography
    var territorials: [Territorial] = []
    var units: [Unit] = []
    /// Index in `territorials` of each area's county-level node (a county, or a directly
    /// administered city).
    var areaNode: [Int] = []
    /// Index in `territorials` of each city.
    var cityNode: [Int] = []
    /// Townships of each area (indices in `territorials`).
    var areaTownships: [[Int]] = []

    private let seed: UInt64
    private let asOfDay: Int
    private var usedUnitNames = Set<String>()

    init(options: DemoOptions) {
        seed = options.seed
        asOfDay = options.asOf.daysSinceEpoch
        geography = Geography(seed: options.seed)
        buildTerritorialTree(townships: options.townships)
        placeUnits(count: options.grassrootsUnions)
        assignCodes()
    }

    /// The last day anything may be founded: a month before the demo's today.
    private var latestFoundingDay: Int { asOfDay - 30 }

    private static func day(_ year: Int, _ month: Int = 1, _ day: Int = 1) -> Int {
        CivilDate(year: year, month: month, day: day)!.daysSinceEpoch
    }

    /// A founding day in the given years, not before `parent` + 30 days nor after the latest
    /// founding day.
    private func foundingDay(years: ClosedRange<Int>, after parent: Int, using rng: inout SplitMix64) -> Int {
        let earliest = min(parent + 30, latestFoundingDay)
        let first = OrgPlan.day(years.lowerBound)
        let last = min(OrgPlan.day(years.upperBound, 12, 31), latestFoundingDay)
        var day = first + rng.below(max(1, last - first + 1))
        if day < earliest { day = earliest + rng.below(max(1, min(3 * 365, latestFoundingDay - earliest + 1))) }
        return min(max(day, earliest), max(latestFoundingDay, parent))
    }

    // MARK: Territorial tree

    private mutating func buildTerritorialTree(townships: Int) {
        var rng = SplitMix64(seed, .geography, 1)
        let province = Territorial(kind: .province, code: "HB", name: geography.provinceName + "总工会",
                                   parent: nil, regionCode: geography.provinceCode, area: nil,
                                   foundedDay: OrgPlan.day(1950, 6, 1) + rng.below(120))
        territorials.append(province)
        areaNode = Array(repeating: 0, count: geography.areas.count)

        var areaIndex = 0
        for (cityIndex, city) in geography.cities.enumerated() {
            let cityCode = "HB" + OrgPlan.pad(cityIndex + 1, 2)
            let cityYears = city.isDirectlyAdministered ? 1987...1995 : 1950...1954
            let cityID = territorials.count
            territorials.append(Territorial(kind: .city, code: cityCode, name: city.name + "总工会",
                                            parent: 0, regionCode: city.code,
                                            area: city.isDirectlyAdministered ? areaIndex : nil,
                                            foundedDay: foundingDay(years: cityYears, after: province.foundedDay, using: &rng)))
            territorials[0].children.append(cityID)
            cityNode.append(cityID)
            if city.isDirectlyAdministered {
                areaNode[areaIndex] = cityID
                areaIndex += 1
                continue
            }
            for (countyIndex, county) in city.counties.enumerated() {
                let countyID = territorials.count
                territorials.append(Territorial(
                    kind: .county, code: cityCode + OrgPlan.pad(countyIndex + 1, 2),
                    // A district's union carries its city's name, "武汉市江岸区总工会"; a county's or
                    // county-level city's does not, "竹溪县总工会", "宜城市总工会".
                    name: (county.name.hasSuffix("区") ? city.name : "") + county.name + "总工会",
                    parent: cityID, regionCode: county.code,
                    area: areaIndex,
                    foundedDay: foundingDay(years: 1952...1995, after: territorials[cityID].foundedDay, using: &rng)))
                territorials[cityID].children.append(countyID)
                areaNode[areaIndex] = countyID
                areaIndex += 1
            }
        }
        addTownships(townships)
    }

    /// Townships: every area gets at least one when there are enough; the rest follow the
    /// square root of employment, since rural counties have many small towns.
    private mutating func addTownships(_ townships: Int) {
        let areas = geography.areas
        let rootWeights = areas.map { Int(Double($0.weight).squareRoot()) + 1 }
        var counts: [Int]
        if townships >= areas.count {
            counts = apportion(townships - areas.count, weights: rootWeights).map { $0 + 1 }
        } else {
            counts = apportion(townships, weights: rootWeights)
        }
        let width = max(3, OrgPlan.digits(counts.max() ?? 0))
        var townRng = SplitMix64(seed, .townships)
        areaTownships = Array(repeating: [], count: areas.count)
        for (index, area) in areas.enumerated() {
            let parentID = areaNode[index]
            let parent = territorials[parentID]
            var usedNames = Set<String>()
            for number in 1...max(1, counts[index]) where counts[index] > 0 {
                var place = townRng.pick(OrgVocabulary.placeNames)
                var attempts = 0
                while usedNames.contains(place) {
                    attempts += 1
                    place = attempts < 20
                        ? townRng.pick(OrgVocabulary.placeNames)
                        : townRng.pick(OrgVocabulary.placeNames) + OrgVocabulary.numeral(attempts % 9 + 1)
                }
                usedNames.insert(place)
                let suffix: String
                if area.isUrbanDistrict {
                    suffix = townRng.perMille(900) ? "街道" : "镇"
                } else {
                    let roll = townRng.below(100)
                    suffix = roll < 25 ? "街道" : (roll < 88 ? "镇" : "乡")
                }
                let townID = territorials.count
                territorials.append(Territorial(
                    kind: .township, code: parent.code + OrgPlan.pad(number, width),
                    name: area.name + place + suffix + "工会", parent: parentID, regionCode: area.code,
                    area: index,
                    foundedDay: foundingDay(years: 1956...2012, after: parent.foundedDay, using: &townRng)))
                territorials[parentID].children.append(townID)
                areaTownships[index].append(townID)
            }
        }
    }

    // MARK: Grassroots units

    /// Size classes (employment weight ranges) and their cumulative shares per mille: many
    /// small unions, a few with thousands of members.
    private static let sizeBounds = [1, 3, 6, 12, 25, 50, 100, 250, 600, 1500, 4000]
    private static let sizeCumulative = [250, 500, 700, 840, 920, 965, 987, 996, 999, 1000]

    private static func drawWeight(classes: ClosedRange<Int>, using rng: inout SplitMix64) -> Int {
        let low = classes.lowerBound == 0 ? 0 : sizeCumulative[classes.lowerBound - 1]
        let high = sizeCumulative[classes.upperBound]
        let u = low + rng.below(high - low)
        let sizeClass = sizeCumulative.firstIndex { u < $0 }!
        let lo = sizeBounds[sizeClass]
        let hi = sizeBounds[sizeClass + 1]
        return lo + rng.below(hi - lo)
    }

    private mutating func placeUnits(count total: Int) {
        let areas = geography.areas
        let perArea = apportion(total, weights: areas.map(\.weight))
        for areaIndex in areas.indices { placeUnits(inArea: areaIndex, count: perArea[areaIndex]) }
    }

    /// What an area's placement has used so far: the county's organs and institutions, and per
    /// township its institutions, communities, organ and federation trades.
    private struct AreaUse {
        var organs = 0
        var institutions = 0
        var towns: [Int: (institutions: Int, communities: Int, hasOrgan: Bool, trades: Set<Int>)] = [:]
    }

    /// One area's units, drawn from the area's own random stream in a fixed order.
    private mutating func placeUnits(inArea areaIndex: Int, count: Int) {
        var rng = SplitMix64(seed, .units, areaIndex)
        var remaining = count
        var use = AreaUse()
        let towns = areaTownships[areaIndex]
        while remaining > 0 {
            let roll = rng.below(1000)
            var type: UnitType = roll < 40 ? .organ : (roll < 110 ? .institution : (roll < 170 ? .community : .enterprise))
            if type == .community && towns.isEmpty { type = .enterprise }
            if type == .organ && use.organs >= OrgVocabulary.organDepartments.count
                && (towns.isEmpty || rng.perMille(500)) {
                type = .institution
            }
            let town = towns.isEmpty ? nil : towns[rng.below(towns.count)]

            switch type {
            case .organ:
                guard placeOrgan(inArea: areaIndex, town: town, use: &use, using: &rng) else { continue }
            case .institution:
                placeInstitution(inArea: areaIndex, town: town, use: &use, using: &rng)
            case .community:
                placeCommunity(inArea: areaIndex, town: town!, use: &use, using: &rng)
            case .enterprise, .federation:
                remaining -= placeEnterprise(inArea: areaIndex, town: town, remaining: remaining, use: &use, using: &rng)
            }
            remaining -= 1
        }
    }

    /// A county department's organ union, or a township government's; false when the area has
    /// no organ left to give.
    private mutating func placeOrgan(inArea areaIndex: Int, town: Int?, use: inout AreaUse, using rng: inout SplitMix64) -> Bool {
        let area = geography.areas[areaIndex]
        if use.organs < OrgVocabulary.organDepartments.count && (town == nil || rng.perMille(800)) {
            let name = area.name + OrgVocabulary.organDepartments[use.organs]
            use.organs += 1
            addUnit(type: .organ, area: areaIndex, parent: .territorial(areaNode[areaIndex]), unitName: name,
                    unionName: name + "机关工会", weightClasses: 1...5, using: &rng)
        } else if let town, use.towns[town]?.hasOrgan != true {
            use.towns[town, default: (0, 0, false, [])].hasOrgan = true
            let townName = townBaseName(town)
            let name = townName + (townName.hasSuffix("街道") ? "办事处" : "人民政府")
            addUnit(type: .organ, area: areaIndex, parent: .territorial(town), unitName: name,
                    unionName: name + "机关工会", weightClasses: 0...3, using: &rng)
        } else {
            return false
        }
        return true
    }

    /// A county institution (school, hospital…) or a township's.
    private mutating func placeInstitution(inArea areaIndex: Int, town: Int?, use: inout AreaUse, using rng: inout SplitMix64) {
        if town == nil || rng.perMille(500) {
            let name = geography.areas[areaIndex].name + OrgPlan.countyInstitution(use.institutions)
            use.institutions += 1
            addUnit(type: .institution, area: areaIndex, parent: .territorial(areaNode[areaIndex]), unitName: name,
                    unionName: name + "工会", weightClasses: 2...7, using: &rng)
        } else if let town {
            let counter = use.towns[town]?.institutions ?? 0
            use.towns[town, default: (0, 0, false, [])].institutions += 1
            let name = townBaseName(town) + OrgPlan.townInstitution(counter)
            addUnit(type: .institution, area: areaIndex, parent: .territorial(town), unitName: name,
                    unionName: name + "工会", weightClasses: 1...4, using: &rng)
        }
    }

    /// A residents' community union of a township.
    private mutating func placeCommunity(inArea areaIndex: Int, town: Int, use: inout AreaUse, using rng: inout SplitMix64) {
        let counter = use.towns[town]?.communities ?? 0
        use.towns[town, default: (0, 0, false, [])].communities += 1
        let names = OrgVocabulary.communityNames
        let base = names[(counter + town) % names.count]
        let repeatMark = counter >= names.count ? OrgVocabulary.numeral(counter / names.count + 1) : ""
        let name = townBaseName(town) + base + repeatMark + "社区"
        addUnit(type: .community, area: areaIndex, parent: .territorial(town), unitName: name,
                unionName: name + "工会", weightClasses: 0...2, using: &rng)
    }

    /// An enterprise under the city, the county or a township, or a township federation of small
    /// employers with its member unions; returns how many member unions it placed beyond the one.
    private mutating func placeEnterprise(inArea areaIndex: Int, town: Int?, remaining: Int, use: inout AreaUse,
                                          using rng: inout SplitMix64) -> Int {
        let area = geography.areas[areaIndex]
        let cityShort = geography.cities[area.city].shortName
        let placement = rng.below(1000)
        if placement < 10 && !geography.cities[area.city].isDirectlyAdministered {
            addEnterprise(area: areaIndex, parent: .territorial(cityNode[area.city]), prefix: cityShort,
                          weightClasses: 6...9, stateOwnedBias: true, using: &rng)
        } else if placement < 40 || town == nil {
            addEnterprise(area: areaIndex, parent: .territorial(areaNode[areaIndex]), prefix: enterprisePrefix(area: area, cityShort: cityShort, using: &rng),
                          weightClasses: 3...9, stateOwnedBias: placement < 25, using: &rng)
        } else if let town, remaining >= 2, rng.perMille(74) {
            return placeFederation(inArea: areaIndex, town: town, remaining: remaining, use: &use, using: &rng)
        } else if let town {
            addEnterprise(area: areaIndex, parent: .territorial(town), prefix: enterprisePrefix(area: area, cityShort: cityShort, using: &rng),
                          weightClasses: 0...9, stateOwnedBias: false, using: &rng)
        }
        return 0
    }

    /// A federation of small employers with one to five member unions; returns the member count.
    private mutating func placeFederation(inArea areaIndex: Int, town: Int, remaining: Int, use: inout AreaUse,
                                          using rng: inout SplitMix64) -> Int {
        let area = geography.areas[areaIndex]
        let cityShort = geography.cities[area.city].shortName
        let memberCount = min(remaining - 1, 1 + rng.below(5))
        var used = use.towns[town]?.trades ?? []
        var tradeIndex = rng.below(OrgVocabulary.federationTrades.count)
        if used.contains(tradeIndex) {
            tradeIndex = (0..<OrgVocabulary.federationTrades.count).first { !used.contains($0) } ?? tradeIndex
        }
        used.insert(tradeIndex)
        use.towns[town, default: (0, 0, false, [])].trades = used
        let trade = OrgVocabulary.federationTrades[tradeIndex]
        var name = townBaseName(town) + trade.name + "工会联合会"
        if usedUnitNames.contains(name) {
            name = townBaseName(town) + trade.name + "第" + OrgVocabulary.numeral(used.count) + "工会联合会"
        }
        let federation = addUnit(type: .federation, area: areaIndex, parent: .territorial(town), unitName: name,
                                 unionName: name, weightClasses: trade.newForms ? 3...7 : 1...4,
                                 industry: trade.industry, newForms: trade.newForms, using: &rng)
        for _ in 0..<memberCount {
            let industry = trade.industry.map { OrgVocabulary.industryIndex(code: $0) }
            addEnterprise(area: areaIndex, parent: .federation(federation),
                          prefix: enterprisePrefix(area: area, cityShort: cityShort, using: &rng),
                          weightClasses: 0...4, stateOwnedBias: false, industry: industry,
                          newForms: trade.newForms, using: &rng)
        }
        return memberCount
    }

    /// The township's name without "工会", "江岸区大智街道".
    private func townBaseName(_ town: Int) -> String {
        String(territorials[town].name.dropLast(2))
    }

    private func enterprisePrefix(area: Geography.Area, cityShort: String, using rng: inout SplitMix64) -> String {
        if !area.isUrbanDistrict && area.county != nil && rng.perMille(450) { return area.shortName }
        return cityShort
    }

    private static let countyInstitutions = ["实验小学", "第一中学", "人民医院", "中医医院", "妇幼保健院", "职业教育中心",
                                             "疾病预防控制中心", "图书馆", "文化馆", "实验中学", "第二人民医院", "特殊教育学校"]

    private static func countyInstitution(_ counter: Int) -> String {
        let base = countyInstitutions.count
        if counter < base { return countyInstitutions[counter] }
        let n = counter - base
        switch n % 3 {
        case 0: return "第\(OrgVocabulary.numeral(n / 3 + 2))中学"
        case 1: return "第\(OrgVocabulary.numeral(n / 3 + 1))小学"
        default: return "第\(OrgVocabulary.numeral(n / 3 + 1))幼儿园"
        }
    }

    private static let townInstitutions = ["中心小学", "卫生院", "中学", "中心幼儿园", "文化站", "农业服务中心", "社会保障服务中心"]

    private static func townInstitution(_ counter: Int) -> String {
        let base = townInstitutions.count
        return counter < base ? townInstitutions[counter] : "第\(OrgVocabulary.numeral(counter - base + 2))小学"
    }

    @discardableResult
    private mutating func addUnit(type: UnitType, area: Int, parent: Parent, unitName: String, unionName: String,
                                  weightClasses: ClosedRange<Int>, industry: String? = nil, nature: UnitNature? = nil,
                                  newForms: Bool = false, women: Int? = nil, migrant: Int? = nil,
                                  creditRegion: String? = nil, using rng: inout SplitMix64) -> Int {
        let areaInfo = geography.areas[area]
        let parentDay: Int
        switch parent {
        case .territorial(let node): parentDay = territorials[node].foundedDay
        case .federation(let unit): parentDay = units[unit].foundedDay
        }
        let roll = rng.below(100)
        let years = if type == .federation {
            // Federations of small employers spread after 2003, those of couriers and
            // ride-hailing drivers after 2016.
            newForms ? 2016...2025 : 2003...2024
        } else {
            roll < 10 ? 1952...1989 : (roll < 32 ? 1990...2004 : (roll < 80 ? 2005...2018 : 2019...2026))
        }
        let founded = foundingDay(years: years, after: parentDay, using: &rng)
        let (defaultWomen, defaultMigrant): (Int, Int) = switch type {
        case .organ: (450, 10)
        case .institution: (620, 30)
        case .community: (700, 60)
        case .federation: newForms ? (150, 550) : (450, 300)
        case .enterprise: (350, 250)
        }
        let unit = Unit(type: type, area: area, parent: parent, unitName: unitName, unionName: unionName,
                        regionCode: areaInfo.code, creditRegion: creditRegion ?? areaInfo.code, industry: industry,
                        nature: nature, weight: OrgPlan.drawWeight(classes: weightClasses, using: &rng),
                        womenPerMille: max(50, min(900, (women ?? defaultWomen) + rng.inRange(-80...80))),
                        migrantPerMille: max(0, min(900, (migrant ?? defaultMigrant) + rng.inRange(-60...60))),
                        newForms: newForms, foundedDay: founded)
        let index = units.count
        units.append(unit)
        usedUnitNames.insert(unitName)
        switch parent {
        case .territorial(let node): territorials[node].units.append(index)
        case .federation(let federation): units[federation].memberUnits.append(index)
        }
        return index
    }

    private mutating func addEnterprise(area: Int, parent: Parent, prefix: String, weightClasses: ClosedRange<Int>,
                                        stateOwnedBias: Bool, industry fixedIndustry: Int? = nil, newForms: Bool = false,
                                        using rng: inout SplitMix64) {
        let industries = OrgVocabulary.industries
        let industryIndex = fixedIndustry ?? rng.below(industries.count)
        let industry = industries[industryIndex]
        let natureRoll = rng.below(1000)
        let nature: UnitNature
        if stateOwnedBias {
            nature = natureRoll < 450 ? .stateOwned : (natureRoll < 750 ? .shareholding : (natureRoll < 900 ? .limitedLiability : .foreign))
        } else {
            nature = switch natureRoll {
            case ..<40: .stateOwned
            case ..<60: .collective
            case ..<290: .limitedLiability
            case ..<330: .shareholding
            case ..<850: .privateEnterprise
            case ..<870: .hkMacaoTaiwan
            case ..<890: .foreign
            case ..<940: .individual
            case ..<970: .privateNonEnterprise
            default: .privateEnterprise
            }
        }
        var name = ""
        for attempt in 0..<30 {
            let first = rng.pick(OrgVocabulary.brandCharacters)
            var second = rng.pick(OrgVocabulary.brandCharacters)
            while second == first { second = rng.pick(OrgVocabulary.brandCharacters) }
            let brand = first + second
            let word = rng.pick(industry.words)
            name = switch nature {
            case .stateOwned: stateOwnedBias && rng.perMille(500) ? "湖北\(brand)\(word)集团有限公司" : "\(prefix)市\(brand)\(word)有限责任公司"
            case .shareholding: "\(prefix)\(brand)\(word)股份有限公司"
            case .foreign, .hkMacaoTaiwan: "\(brand)\(word)（\(prefix)）有限公司"
            case .individual: "\(prefix)\(brand)\(word)经营部"
            case .privateNonEnterprise: "\(prefix)\(brand)职业技能培训学校"
            case .collective: "\(prefix)\(brand)\(word)厂"
            default: "\(prefix)\(brand)\(word)有限公司"
            }
            if attempt >= 20 { name = String(name.dropLast(4)) + "第" + OrgVocabulary.numeral(attempt - 18) + "分公司" }
            if !usedUnitNames.contains(name) { break }
        }
        let creditRegion: String? = if case .territorial(let node) = parent, territorials[node].kind == .city {
            territorials[node].regionCode
        } else { nil }
        addUnit(type: .enterprise, area: area, parent: parent, unitName: name, unionName: name + "工会",
                weightClasses: weightClasses, industry: industry.code, nature: nature, newForms: newForms,
                women: industry.women, migrant: newForms ? 550 : industry.migrant, creditRegion: creditRegion,
                using: &rng)
        let index = units.count - 1
        planBranches(of: index, departments: industry.departments, using: &rng)
    }

    /// About one union in ten, mostly the larger ones, has branch unions (分工会); some
    /// branches, and a few small unions, have union groups (工会小组).
    private mutating func planBranches(of index: Int, departments: [String], using rng: inout SplitMix64) {
        let weight = units[index].weight
        let chance = weight >= 250 ? 800 : (weight >= 50 ? 500 : (weight >= 12 ? 200 : 45))
        if rng.perMille(chance) {
            let most = weight >= 250 ? 4 : (weight >= 50 ? 3 : 2)
            let count = min(departments.count, 1 + rng.below(most))
            let start = rng.below(departments.count)
            for k in 0..<count {
                let department = departments[(start + k) % departments.count]
                let groups = rng.perMille(300) ? 1 + rng.below(3) : 0
                units[index].branches.append(Branch(department: department, groups: groups))
            }
        } else if rng.perMille(50) {
            units[index].directGroups = 1 + rng.below(3)
        }
    }

    // MARK: Codes

    /// Codes below the territorial nodes: "G" grassroots, "F" federation, "B" branch, "Z" group.
    private mutating func assignCodes() {
        var widestTerritorial = 0
        var widestFederation = 0
        for node in territorials {
            widestTerritorial = max(widestTerritorial, node.units.filter { units[$0].type != .federation }.count)
            widestFederation = max(widestFederation, node.units.filter { units[$0].type == .federation }.count)
        }
        let unitWidth = max(4, OrgPlan.digits(widestTerritorial))
        let federationWidth = max(3, OrgPlan.digits(widestFederation))
        let memberWidth = max(3, OrgPlan.digits(units.map(\.memberUnits.count).max() ?? 0))
        for node in territorials {
            var grassroots = 0
            var federations = 0
            for unitIndex in node.units {
                if units[unitIndex].type == .federation {
                    federations += 1
                    let code = node.code + "F" + OrgPlan.pad(federations, federationWidth)
                    units[unitIndex].code = code
                    for (k, member) in units[unitIndex].memberUnits.enumerated() {
                        units[member].code = code + "G" + OrgPlan.pad(k + 1, memberWidth)
                    }
                } else {
                    grassroots += 1
                    units[unitIndex].code = node.code + "G" + OrgPlan.pad(grassroots, unitWidth)
                }
            }
        }
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func digits(_ number: Int) -> Int { String(max(0, number)).count }
}
