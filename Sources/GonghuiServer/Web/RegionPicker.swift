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

    /// `levels`: whether provinces and cities themselves may be chosen (a subsistence line may be
    /// set for a whole city), or only districts and counties (where a household lives).
    static func field(_ label: String, name: String, value: String, error: String? = nil, hint: String? = nil, required: Bool = false,
                      wholeAreas: Bool = false, catalog: RegionCatalog = .builtIn) -> HTML {
        var groups: [HTML] = []
        var known = Set<String>()
        func option(_ code: String, _ text: String) -> HTML {
            known.insert(code)
            return code == value ? "<option value=\"\(code)\" selected>\(text)</option>" : "<option value=\"\(code)\">\(text)</option>"
        }
        for (provinceCode, provinceName) in catalog.provinceNames.sorted(by: { $0.key < $1.key }) {
            guard let province = try? RegionCode(provinceCode), catalog.covers(provinceOf: province) else { continue }
            if wholeAreas { groups.append("<optgroup label=\"\(provinceName)\">\(option(provinceCode, UI.Regions.whole(provinceName)))</optgroup>") }
            for city in catalog.children(of: province) {
                let cityName = catalog.name(of: city) ?? city.value
                var options: [HTML] = wholeAreas ? [option(city.value, UI.Regions.whole(cityName))] : []
                let counties = catalog.children(of: city)
                if counties.isEmpty && !wholeAreas { options.append(option(city.value, cityName)) }
                for county in counties { options.append(option(county.value, catalog.name(of: county) ?? county.value)) }
                groups.append("<optgroup label=\"\(provinceName) \(cityName)\">\(options)</optgroup>")
            }
        }
        let typedElsewhere = !value.isEmpty && !known.contains(value)
        let choose: HTML = "<option value=\"\"\(value.isEmpty ? HTML(raw: " selected") : .empty)>\(UI.Regions.choose)</option>"
        let elsewhere: HTML = "<option value=\"\(other)\"\(typedElsewhere ? HTML(raw: " selected") : .empty)>\(UI.Regions.elsewhere)</option>"
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? .empty
        return """
        <div class="field\(error != nil ? " has-error" : "")">
          <label for="f-\(name)">\(label)\(required ? HTML(raw: "<span class=\"req\" aria-hidden=\"true\">*</span>") : .empty)</label>
          \(hintHTML)
          <select id="f-\(name)" name="\(name)"\(Layout.describedBy(name, error: error, hint: hint))>\(choose)\(groups)\(elsewhere)</select>
          \(Layout.errorNote(name, error))
        </div>
        \(Layout.field(UI.Regions.otherCode, name: name + otherSuffix, value: typedElsewhere ? value : "", hint: UI.Regions.otherHint,
                       attributes: " inputmode=\"numeric\" maxlength=\"6\""))
        """
    }
}
