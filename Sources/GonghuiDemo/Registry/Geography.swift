import GonghuiDomain

/// Where the demo province's unions sit: Hubei's prefecture- and county-level units from the
/// built-in GB/T 2260 catalog, with weights for how much of the province's employment each
/// holds.
struct Geography {
    struct City {
        var code: String
        var name: String
        /// The name without its administrative suffix, as used at the front of company names.
        var shortName: String
        /// Relative weight of the city's employment.
        var weight: Int
        /// County-level units below it; empty for a county-level city directly under the
        /// province (仙桃, 潜江, 天门, 神农架), which then acts as its own county.
        var counties: [County]
        var isDirectlyAdministered: Bool { counties.isEmpty }
    }

    struct County {
        var code: String
        var name: String
        var shortName: String
    }

    /// A county-level place where townships and unions sit: a county of a city, or a
    /// directly administered county-level city.
    struct Area {
        var city: Int
        /// Index in the city's `counties`; nil for a directly administered city.
        var county: Int?
        var code: String
        var name: String
        var shortName: String
        /// Employment weight (parts per 10⁹ of the province).
        var weight: Int
        /// 区 (urban district: streets 街道) rather than 县 or 县级市 (towns 镇 and 乡).
        var isUrbanDistrict: Bool
    }

    let provinceCode = "420000"
    let provinceName: String
    let cities: [City]
    let areas: [Area]

    /// Shares of the province's union membership by city (per mille); Wuhan first by far.
    static let cityWeights: [String: Int] = [
        "420100": 350, "420200": 40, "420300": 50, "420500": 80, "420600": 80, "420700": 20,
        "420800": 40, "420900": 50, "421000": 60, "421100": 50, "421200": 30, "421300": 25,
        "422800": 40, "429004": 18, "429005": 14, "429006": 14, "429021": 2,
    ]

    init(seed: UInt64) {
        let catalog = RegionCatalog.builtIn
        let province = try! RegionCode(provinceCode)
        provinceName = catalog.name(of: province) ?? "湖北省"
        var cities: [City] = []
        for prefecture in catalog.children(of: province) {
            let name = catalog.name(of: prefecture) ?? prefecture.value
            let below = catalog.children(of: prefecture).filter { catalog.name(of: $0) != "市辖区" }
            if name.hasSuffix("直辖县级行政区划") || name.hasSuffix("省直辖") {
                // 省直辖县级行政区划: each is a city union of its own under the province.
                for unit in below {
                    let unitName = catalog.name(of: unit) ?? unit.value
                    cities.append(City(code: unit.value, name: unitName, shortName: Geography.short(unitName),
                                       weight: Geography.cityWeights[unit.value] ?? 15, counties: []))
                }
            } else {
                let counties = below.map { code in
                    let countyName = catalog.name(of: code) ?? code.value
                    return County(code: code.value, name: countyName, shortName: Geography.short(countyName))
                }
                cities.append(City(code: prefecture.value, name: name, shortName: Geography.short(name),
                                   weight: Geography.cityWeights[prefecture.value] ?? 30, counties: counties))
            }
        }
        precondition(!cities.isEmpty, "the built-in region catalog lists no prefecture of Hubei (420000)")
        self.cities = cities

        var areas: [Area] = []
        var rng = SplitMix64(seed, .geography)
        for (cityIndex, city) in cities.enumerated() {
            if city.isDirectlyAdministered {
                areas.append(Area(city: cityIndex, county: nil, code: city.code, name: city.name,
                                  shortName: city.shortName, weight: city.weight * 1_000_000,
                                  isUrbanDistrict: false))
                continue
            }
            // Counties differ in size; urban districts of the big cities hold more employers.
            let factors = city.counties.map { county in
                rng.inRange(50...150) * (county.name.hasSuffix("区") ? 2 : 1)
            }
            let shares = apportion(city.weight * 1_000_000, weights: factors)
            for (countyIndex, county) in city.counties.enumerated() {
                areas.append(Area(city: cityIndex, county: countyIndex, code: county.code, name: county.name,
                                  shortName: county.shortName, weight: max(1, shares[countyIndex]),
                                  isUrbanDistrict: county.name.hasSuffix("区")))
            }
        }
        self.areas = areas
    }

    /// "武汉市" → "武汉", "恩施土家族苗族自治州" → "恩施", "神农架林区" → "神农架",
    /// "长阳土家族自治县" → "长阳".
    static func short(_ name: String) -> String {
        for marker in ["土家族", "苗族", "自治"] {
            if let range = name.range(of: marker), range.lowerBound != name.startIndex {
                return String(name[..<range.lowerBound])
            }
        }
        for suffix in ["林区", "新区", "市", "区", "县", "州"] where name.hasSuffix(suffix) && name.count > 2 {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// Real county-level codes of neighbouring provinces, where many of Hubei's migrant
    /// workers first registered: Henan (南阳, 信阳), Hunan (岳阳, 常德), Anhui, Jiangxi,
    /// Chongqing, Sichuan and Shaanxi.
    static let otherProvinceCodes: [String] = [
        "411302", "411303", "411323", "411381", "411502", "411521", "411522", "411524",
        "411525", "411526", "411528", "430602", "430621", "430623", "430626", "430682",
        "430721", "430725", "340822", "340826", "341522", "341524", "360425", "360428",
        "360481", "500101", "500116", "500236", "500237", "510722", "511321", "511602",
        "610902", "610921", "611021", "440106",
    ]

    /// Ethnic make-up by the address code of an ID number: 恩施 and the two autonomous
    /// counties of 宜昌 (长阳, 五峰) are largely 土家族 and 苗族.
    static func ethnicProfile(ofAddress code: String) -> UInt8 {
        if code.hasPrefix("4228") { return 2 }
        if code == "420528" || code == "420529" { return 1 }
        return 0
    }
}
