import GonghuiDomain

/// Everything `member(at:)` needs, computed once per province, so that any member is derived
/// from (seed, index) in constant time plus one binary search over the member-holding unions.
///
/// How a member is placed:
/// - Member number i is scattered to a *slot* s = π(i) by a keyed permutation of 0..<members.
/// - Slots are laid out union by union (branch unions right after their union), grouped by
///   county, so the holding union is a binary search over cumulative counts, and every union
///   gets exactly the number of members it was allotted.
/// - The identity number must be unique. Every fifth slot is an "outsider" whose ID address
///   code is elsewhere in Hubei or in another province; the others carry their union's county.
///   Within each address code a member has a dense rank J (natives first, then outsiders by a
///   table that spreads them over addresses), and J is scattered by a second keyed permutation
///   into (birth date, sequence number) slots of that address. Distinct members therefore get
///   distinct (address, birth date, sequence), whatever their gender, with no table of numbers
///   issued.
final class MemberIndex: Sendable {
    let seed: UInt64
    let count: Int
    let asOf: CivilDate
    let asOfDay: Int
    let slotPermutation: FeistelPermutation

    /// A union or branch union that has members, in slot order.
    struct Holder: Sendable {
        /// One past its last slot.
        var end: Int
        var unit: Int32
        var foundedDay: Int32
    }

    /// What members of one grassroots unit (union or federation) have in common.
    struct UnitTraits: Sendable {
        /// Its first slot; its holders' slots follow one another.
        var start: Int
        var count: Int32
        /// Index of its county in `Geography.areas`.
        var area: Int32
        /// Shares of women and of migrant workers (per mille), with the phase of the lattice
        /// that picks exactly that share of its members.
        var women: Int16
        var womenOffset: Int16
        var migrant: Int16
        var migrantOffset: Int16
        var profile: MemberProfile
    }

    let holders: [Holder]
    let holderCode: [String]
    let units: [UnitTraits]
    /// First holder of each bucket of 2^bucketShift slots, so the holder search covers only a
    /// few entries (the search jumps around memory, one member after another).
    let bucketFirstHolder: [Int32]
    let bucketShift: Int

    // Address codes: Hubei areas (same index as `Geography.areas`), then other provinces.
    let areaStart: [Int]
    let addressDigits: [UInt8]
    let addressEthnicity: [UInt8]
    let addressNatives: [Int]
    let addressReps: [Int]
    let outsiderAddress: [Int32]
    let outsiderRep: [Int32]
    let birthPermutations: [FeistelPermutation]

    // Birth years: capacity (sequence numbers per day) shapes the age pyramid.
    let firstBirthYear: Int
    let yearSlotStart: [Int]
    let yearCapacity: [Int]
    let yearFirstDay: [Int]

    /// What kind of workplace a union is, for employment type and education.
    enum MemberProfile: UInt8, Sendable {
        case enterprise, knowledge, publicSector, community, newForms, smallEmployers
    }

    /// Every fifth slot holds an outsider.
    static let outsiderStride = 5

    init(seed: UInt64, count: Int, asOf: CivilDate, holders: [Holder], holderCode: [String], units: [UnitTraits],
         areaStart: [Int], addressCodes: [String], outsiderWeights: [Int]) {
        self.seed = seed
        self.count = count
        self.asOf = asOf
        self.asOfDay = asOf.daysSinceEpoch
        self.slotPermutation = FeistelPermutation(size: count, key: derive(seed, StreamTag.slotPermutation.rawValue))
        self.holders = holders
        self.holderCode = holderCode
        self.units = units
        self.areaStart = areaStart

        (bucketShift, bucketFirstHolder) = Self.buckets(count: count, holders: holders)

        var digits = [UInt8]()
        digits.reserveCapacity(addressCodes.count * 6)
        for code in addressCodes {
            precondition(code.utf8.count == 6)
            digits.append(contentsOf: code.utf8)
        }
        addressDigits = digits
        addressEthnicity = addressCodes.map(Geography.ethnicProfile(ofAddress:))

        // Natives per Hubei area: the area's slots that are not outsiders' (multiples of 5).
        let step = MemberIndex.outsiderStride
        var natives = Array(repeating: 0, count: addressCodes.count)
        for area in 0..<(areaStart.count - 1) {
            let low = areaStart[area]
            let high = areaStart[area + 1]
            natives[area] = (high - low) - ((high + step - 1) / step - (low + step - 1) / step)
        }
        addressNatives = natives

        let tableSize = 1000
        let (table, repIndex, reps) = Self.outsiderTable(size: tableSize, weights: outsiderWeights, addresses: addressCodes.count, seed: seed)
        outsiderAddress = table
        outsiderRep = repIndex
        addressReps = reps

        firstBirthYear = asOf.year - 66
        let years = Self.birthYears(asOf: asOf)
        yearSlotStart = years.slotStart
        yearCapacity = years.capacity
        yearFirstDay = years.firstDay
        let total = years.slotStart.last!

        let outsiders = (count + step - 1) / step
        let rounds = (outsiders + tableSize - 1) / tableSize
        for address in 0..<addressCodes.count {
            let needed = natives[address] + rounds * reps[address]
            precondition(needed <= total, """
                the demo cannot give \(needed) people of address \(addressCodes[address]) distinct identity \
                numbers (at most \(total)); use fewer members
                """)
        }
        birthPermutations = (0..<addressCodes.count).map { address in
            FeistelPermutation(size: total, key: derive(seed, StreamTag.birthPermutation.rawValue, UInt64(address)))
        }
    }

    /// Buckets of 2^shift slots, each with the first holder that can hold a slot in it, so a
    /// slot's holder is found among a few.
    private static func buckets(count: Int, holders: [Holder]) -> (shift: Int, firstHolder: [Int32]) {
        var shift = 0
        while holders.count > 0 && (count >> (shift + 1)) >= holders.count { shift += 1 }
        var firstHolder = [Int32]()
        firstHolder.reserveCapacity((count >> shift) + 2)
        var holder = 0
        for bucket in 0...((count >> shift) + 1) {
            let start = bucket << shift
            while holder < holders.count - 1 && holders[holder].end <= start { holder += 1 }
            firstHolder.append(Int32(holder))
        }
        return (shift, firstHolder)
    }

    /// The outsider table: entries in proportion to the weights, shuffled, each remembering
    /// which repetition of its address it is; and how many entries each address has.
    private static func outsiderTable(size: Int, weights: [Int], addresses: Int, seed: UInt64) -> (table: [Int32], rep: [Int32], reps: [Int]) {
        let entries = apportion(size, weights: weights)
        var table = [Int32]()
        for (address, n) in entries.enumerated() { table.append(contentsOf: repeatElement(Int32(address), count: n)) }
        var rng = SplitMix64(seed, .outsiders)
        for k in stride(from: table.count - 1, to: 0, by: -1) { table.swapAt(k, rng.below(k + 1)) }
        var reps = Array(repeating: 0, count: addresses)
        var repIndex = [Int32]()
        for address in table {
            repIndex.append(Int32(reps[Int(address)]))
            reps[Int(address)] += 1
        }
        return (table, repIndex, reps)
    }

    /// Birth years from 66 to 21 years before the demo's today; sequence numbers per day follow
    /// the age pyramid of the workforce (most members between 30 and 45). Each year's first slot
    /// (and, last, the total), numbers per day and first day.
    private static func birthYears(asOf: CivilDate) -> (slotStart: [Int], capacity: [Int], firstDay: [Int]) {
        var slotStart = [Int]()
        var capacities = [Int]()
        var firstDays = [Int]()
        var total = 0
        for year in (asOf.year - 66)...(asOf.year - 21) {
            let age = asOf.year - year
            let capacity = switch age {
            case ..<25: 150 + (age - 21) * 50
            case ..<30: 400
            case ..<46: 499
            case ..<55: 420
            case ..<61: 300
            default: 160
            }
            slotStart.append(total)
            capacities.append(capacity)
            firstDays.append(CivilDate(year: year, month: 1, day: 1)!.daysSinceEpoch)
            total += (CivilDate.isLeapYear(year) ? 366 : 365) * capacity
        }
        slotStart.append(total)
        return (slotStart, capacities, firstDays)
    }

    // MARK: One member

    static let educationLevels = ["初中及以下", "高中", "中专", "大专", "本科", "研究生"]
    /// Cumulative per-mille shares of the education levels, by profile.
    static let educationShares: [[Int]] = [
        [200, 400, 600, 830, 980, 1000],  // enterprise
        [20, 70, 120, 400, 900, 1000],    // knowledge work
        [30, 80, 150, 400, 880, 1000],    // organs and institutions
        [150, 400, 550, 800, 990, 1000],  // communities
        [275, 555, 755, 935, 995, 1000],  // new forms of employment
        [250, 520, 720, 900, 990, 1000],  // small employers in a federation
    ]

    @inline(__always)
    private static func lattice(_ rank: Int, _ perMille: Int16, _ offset: Int16) -> Bool {
        let q = Int(perMille)
        let o = Int(offset)
        return ((rank + 1) * q + o) / 1000 != (rank * q + o) / 1000
    }

    /// The number of members among the first `count` ranks that `lattice` selects.
    static func latticeCount(_ count: Int, perMille: Int, offset: Int) -> Int {
        (count * perMille + offset) / 1000
    }

    func member(at index: Int) -> DemoMember {
        precondition(index >= 0 && index < count, "member index \(index) out of 0..<\(count)")
        let slot = slotPermutation(index)

        let low = holderIndex(ofSlot: slot)
        let holder = holders[low]
        let traits = units[Int(holder.unit)]
        let rank = slot - traits.start
        let female = MemberIndex.lattice(rank, traits.women, traits.womenOffset)
        let migrant = MemberIndex.lattice(Int(traits.count) - 1 - rank, traits.migrant, traits.migrantOffset)

        let (address, addressRank) = addressRank(ofSlot: slot, area: Int(traits.area))
        let (birthDay, sequenceHalf) = birth(address: address, rank: addressRank)
        let sequence = female ? 2 * sequenceHalf + 2 : 2 * sequenceHalf + 1
        let birthDate = CivilDate(daysSinceEpoch: birthDay)
        let idNumber = makeIDNumber(address: address, birth: birthDate, sequence: sequence)

        var rng = SplitMix64(seed, .member, index)
        let age = birthDate.age(on: asOf)
        let retired = age >= (female ? 55 : 60)
        let statusRoll = rng.below(1000)
        let status: MemberStatus = if retired {
            statusRoll < 330 ? .retained : (statusRoll < 360 ? .deceased : (statusRoll < 380 ? .withdrawn : .active))
        } else {
            statusRoll < 8 ? .retained : (statusRoll < 14 ? .deceased : (statusRoll < 34 ? .withdrawn : .active))
        }

        let joinedDay = joiningDay(founded: Int(holder.foundedDay), birthDay: birthDay, active: status == .active, using: &rng)

        let profile = traits.profile
        let employment = MemberIndex.employmentType(profile, roll: rng.below(1000))
        var educationIndex = 0
        let educationRoll = rng.below(1000)
        let shares = MemberIndex.educationShares[Int(profile.rawValue)]
        while shares[educationIndex] <= educationRoll { educationIndex += 1 }
        let birthYear = birthDate.year
        if birthYear < asOf.year - 50 && educationIndex > 0 && rng.perMille(400) { educationIndex -= 1 }
        if birthYear > asOf.year - 32 && educationIndex < 5 && rng.perMille(250) { educationIndex += 1 }

        let name = PersonNames.make(female: female, birthYear: birthYear, using: &rng)
        let phone = MemberIndex.phone(rng.next())
        let ethnicity = MemberIndex.ethnicity(addressEthnicity[address], roll: rng.below(1000))

        return DemoMember(
            idNumber: idNumber, name: name, gender: female ? .female : .male, birthDate: birthDate,
            phone: phone, orgCode: holderCode[low], joinedOn: CivilDate(daysSinceEpoch: joinedDay),
            employmentType: employment, isMigrant: migrant, status: status, ethnicity: ethnicity,
            education: MemberIndex.educationLevels[educationIndex])
    }

    /// The holding union of a slot: the first holder whose end is past the slot, between the
    /// first holders of the slot's bucket and the next.
    @inline(__always)
    private func holderIndex(ofSlot slot: Int) -> Int {
        let bucket = slot >> bucketShift
        var low = Int(bucketFirstHolder[bucket])
        var high = Int(bucketFirstHolder[bucket + 1])
        while low < high {
            let mid = (low + high) >> 1
            if holders[mid].end > slot { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The address code of a slot (its union's area, or every `outsiderStride`th slot an
    /// outsider's) and the slot's dense rank among that address's people.
    @inline(__always)
    private func addressRank(ofSlot slot: Int, area: Int) -> (address: Int, rank: Int) {
        let step = MemberIndex.outsiderStride
        if slot % step == 0 {
            let outsider = slot / step
            let entry = outsider % outsiderAddress.count
            let address = Int(outsiderAddress[entry])
            return (address, addressNatives[address] + (outsider / outsiderAddress.count) * addressReps[address] + Int(outsiderRep[entry]))
        }
        let start = areaStart[area]
        return (area, (slot - start) - ((slot + step - 1) / step - (start + step - 1) / step))
    }

    /// The birth day and half the sequence number, from the address's slot space: the
    /// 0..<capacity numbers of a day spread over 0..<499 (injective since capacity ≤ 499).
    @inline(__always)
    private func birth(address: Int, rank: Int) -> (day: Int, sequenceHalf: Int) {
        let birthSlot = birthPermutations[address](rank)
        var yearIndex = 0
        var yearHigh = yearCapacity.count - 1
        while yearIndex < yearHigh {
            let mid = (yearIndex + yearHigh + 1) >> 1
            if yearSlotStart[mid] <= birthSlot { yearIndex = mid } else { yearHigh = mid - 1 }
        }
        let capacity = yearCapacity[yearIndex]
        let offset = birthSlot - yearSlotStart[yearIndex]
        return (yearFirstDay[yearIndex] + offset / capacity, (offset % capacity) * 499 / capacity)
    }

    /// Joined after the union (or branch) was founded and after starting work, at 16 (16 × 365
    /// + 4 days covers the leap days) or some years later, no later than today; some active
    /// members joined in the membership drives of recent years.
    @inline(__always)
    private func joiningDay(founded: Int, birthDay: Int, active: Bool, using rng: inout SplitMix64) -> Int {
        let sixteen = birthDay + 16 * 365 + 4
        let startedWork = sixteen + rng.below(max(1, min(8 * 365, asOfDay - sixteen + 1)))
        let earliest = min(max(founded, startedWork), asOfDay)
        if active && rng.perMille(200) {
            let from = max(earliest, asOfDay - 3 * 365)
            return from + rng.below(asOfDay - from + 1)
        }
        // Most people join soon after they become eligible: the square of a uniform fraction of
        // the time since.
        let span = UInt64(asOfDay - earliest + 1)
        let u = rng.next() >> 32
        return earliest + Int((span * (u * u >> 32)) >> 32)
    }

    /// ISO 7064 MOD 11-2 weights of GB 11643.
    private static let idWeights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let idCheck: [UInt8] = Array("10X98765432".utf8)

    private func makeIDNumber(address: Int, birth: CivilDate, sequence: Int) -> String {
        String(unsafeUninitializedCapacity: 18) { buffer in
            let base = address * 6
            for k in 0..<6 { buffer[k] = addressDigits[base + k] }
            var value = birth.year
            for k in stride(from: 9, through: 6, by: -1) { buffer[k] = UInt8(0x30 + value % 10); value /= 10 }
            buffer[10] = UInt8(0x30 + birth.month / 10)
            buffer[11] = UInt8(0x30 + birth.month % 10)
            buffer[12] = UInt8(0x30 + birth.day / 10)
            buffer[13] = UInt8(0x30 + birth.day % 10)
            buffer[14] = UInt8(0x30 + sequence / 100)
            buffer[15] = UInt8(0x30 + sequence / 10 % 10)
            buffer[16] = UInt8(0x30 + sequence % 10)
            var sum = 0
            for k in 0..<17 { sum += Int(buffer[k] &- 0x30) * MemberIndex.idWeights[k] }
            buffer[17] = MemberIndex.idCheck[sum % 11]
            return 18
        }
    }

    /// Mobile prefixes of the three carriers (and a few virtual-operator ranges).
    private static let phonePrefixes: [UInt16] = [
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
        166, 171, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199,
    ]

    static func phone(_ bits: UInt64) -> String {
        String(unsafeUninitializedCapacity: 11) { buffer in
            let prefix = Int(phonePrefixes[Int(bits % UInt64(phonePrefixes.count))])
            buffer[0] = UInt8(0x30 + prefix / 100)
            buffer[1] = UInt8(0x30 + prefix / 10 % 10)
            buffer[2] = UInt8(0x30 + prefix % 10)
            var rest = (bits >> 8) % 100_000_000
            for k in stride(from: 10, through: 3, by: -1) {
                buffer[k] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
            return 11
        }
    }

    private static func employmentType(_ profile: MemberProfile, roll: Int) -> EmploymentType {
        switch profile {
        case .enterprise, .knowledge:
            roll < 620 ? .fixedTerm : (roll < 870 ? .openEnded : (roll < 950 ? .dispatched : .flexible))
        case .publicSector:
            roll < 550 ? .openEnded : (roll < 950 ? .fixedTerm : .dispatched)
        case .community:
            roll < 500 ? .fixedTerm : (roll < 700 ? .openEnded : (roll < 950 ? .flexible : .dispatched))
        case .newForms:
            roll < 750 ? .newForms : (roll < 900 ? .flexible : .fixedTerm)
        case .smallEmployers:
            roll < 500 ? .fixedTerm : (roll < 850 ? .flexible : (roll < 950 ? .openEnded : .newForms))
        }
    }

    private static func ethnicity(_ profile: UInt8, roll: Int) -> String {
        switch profile {
        case 2:  // 恩施土家族苗族自治州
            roll < 460 ? "土家族" : (roll < 910 ? "汉族" : (roll < 970 ? "苗族" : (roll < 990 ? "侗族" : "白族")))
        case 1:  // 长阳、五峰土家族自治县
            roll < 550 ? "土家族" : (roll < 990 ? "汉族" : "苗族")
        default:
            roll < 985 ? "汉族" : (roll < 990 ? "土家族" : (roll < 994 ? "回族" : (roll < 996 ? "苗族" : (roll < 998 ? "满族" : "蒙古族"))))
        }
    }
}
