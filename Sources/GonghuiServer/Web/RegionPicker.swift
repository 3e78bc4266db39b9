import Foundation
import GonghuiDomain

/// 地区选择: a region chosen by name from the GB/T 2260 list the platform keeps — each city
/// of a province the list covers in full, its districts and counties under it — instead of a
/// six-digit code typed from memory. A code of a province the list does not cover in full is
/// typed in the box beside it. Works without JavaScript (one `<select>`, grouped by city).
enum RegionPicker {
    /// The value the select sends for "another region, typed below".
    static let other = "other"
    static let otherSuffix = "_other"

    /// The code as sent: the choice, or the box beside it when "other" is chosen.
    static func typed(_ form: WebForm, _ name: String) -> String {
        let chosen = form[name]
        return chosen == other ? form[name + otherSuffix] : chosen
    }

    /// `wholeAreas`: whether provinces and cities themselves may be chosen (a subsistence line may be
    /// set for a whole city), or only districts and counties (where a household lives).
    static func field(_ label: String, name: String, value: String, error: String? = nil, hint: String? = nil, required: Bool = false,
                      wholeAreas: Bool = false, catalog: RegionCatalog = .builtIn) -> HTML {
        var groups: [(label: String?, options: [(String, String)])] = [(nil, [("", UI.Regions.choose)])]
        for (provinceCode, provinceName) in catalog.provinceNames.sorted(by: { $0.key < $1.key }) {
            guard let province = try? RegionCode(provinceCode), catalog.covers(provinceOf: province) else { continue }
            if wholeAreas { groups.append((provinceName, [(provinceCode, UI.Regions.whole(provinceName))])) }
            for city in catalog.children(of: province) {
                let cityName = catalog.name(of: city) ?? city.value
                let counties = catalog.children(of: city)
                var options: [(String, String)] = wholeAreas ? [(city.value, UI.Regions.whole(cityName))] : []
                if counties.isEmpty && !wholeAreas { options.append((city.value, cityName)) }
                options += counties.map { ($0.value, catalog.name(of: $0) ?? $0.value) }
                groups.append(("\(provinceName) \(cityName)", options))
            }
        }
        let typedElsewhere = !value.isEmpty && !groups.contains { $0.options.contains { $0.0 == value } }
        groups.append((nil, [(other, UI.Regions.elsewhere)]))
        return """
        \(Layout.select(label, name: name, groups: groups, selected: typedElsewhere ? other : value, error: error, hint: hint, required: required))
        \(Layout.field(UI.Regions.otherCode, name: name + otherSuffix, value: typedElsewhere ? value : "", hint: UI.Regions.otherHint,
                       attributes: " inputmode=\"numeric\" maxlength=\"6\""))
        """
    }
}
