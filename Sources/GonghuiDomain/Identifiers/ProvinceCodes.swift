/// The first two digits of GB/T 2260 codes that name a province-level unit.
enum ProvinceCodes {
    /// Province-level units of GB/T 2260, including 71 Taiwan, 81 Hong Kong and 82 Macao.
    @inline(__always)
    static func isRegionProvince(_ twoDigits: Int) -> Bool {
        switch twoDigits {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82: true
        default: false
        }
    }

    /// Province codes that can open an ID number: the GB/T 2260 ones plus 83, which the
    /// residence permits for Taiwan residents use (address code 830000).
    @inline(__always)
    static func isIDNumberProvince(_ twoDigits: Int) -> Bool {
        twoDigits == 83 || isRegionProvince(twoDigits)
    }
}
