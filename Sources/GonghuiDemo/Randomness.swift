/// Deterministic randomness for the synthetic province.
///
/// Everything the demo produces is a pure function of the seed and an index, so any member can
/// be generated on its own (in any order, on any thread) and two runs with the same seed agree.
/// Only integer arithmetic and correctly rounded floating-point operations are used, so the
/// output does not depend on the platform's math library.

/// SplitMix64's output function: a fast bijective mixer of 64-bit values.
@inline(__always)
func mix64(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// A key for one purpose (`tag`) and one item (`index`) under a seed.
@inline(__always)
func derive(_ seed: UInt64, _ tag: UInt64, _ index: UInt64 = 0) -> UInt64 {
    mix64(mix64(seed ^ (tag &* 0xD1B5_4A32_D192_ED03)) &+ index)
}

/// Purposes of the derived streams; changing one stream never shifts another.
enum StreamTag: UInt64 {
    case geography = 1, townships, units, names, sizes, branches, orgDetails
    case slotPermutation, birthPermutation, member, outsiders, credit
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny state, good statistical quality, and cheap to
/// seed from a hash, which is what per-item streams need.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    init(_ seed: UInt64, _ tag: StreamTag, _ index: Int = 0) {
        state = derive(seed, tag.rawValue, UInt64(truncatingIfNeeded: index))
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0), by the multiply-high method; the bias is below 2⁻³² for the
    /// ranges used here.
    @inline(__always)
    public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    @inline(__always)
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMille` / 1000.
    @inline(__always)
    mutating func perMille(_ perMille: Int) -> Bool { below(1000) < perMille }

    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A keyed pseudo-random bijection of 0..<size: a four-round Feistel network on the smallest
/// number of bits that covers `size` (split into two halves that differ by at most one bit;
/// each round XORs one half with a keyed hash of the other, which is invertible), with cycle
/// walking for values that fall outside, fewer than two tries on average. Used to scatter
/// member numbers over union slots and identity-number slots without any table.
struct FeistelPermutation: Sendable {
    let size: Int
    private let lowBits: UInt64
    private let highBits: UInt64
    private let lowMask: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    init(size: Int, key: UInt64) {
        precondition(size >= 0)
        self.size = size
        var bits = 2
        while bits < 62 && (1 << bits) < size { bits += 1 }
        lowBits = UInt64(bits / 2)
        highBits = UInt64(bits - bits / 2)
        lowMask = (1 << UInt64(bits / 2)) - 1
        keys = (mix64(key ^ 1), mix64(key ^ 2), mix64(key ^ 3), mix64(key ^ 4))
    }

    /// A keyed hash of `value` to `bits` bits: the top bits of a multiplication depend on every
    /// input bit.
    @inline(__always)
    private static func hash(_ value: UInt64, _ key: UInt64, bits: UInt64) -> UInt64 {
        let h = ((value &+ key) ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return ((h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93) >> (64 - bits)
    }

    @inline(__always)
    private func encrypt(_ value: UInt64) -> UInt64 {
        var high = value >> lowBits
        var low = value & lowMask
        low ^= FeistelPermutation.hash(high, keys.0, bits: lowBits)
        high ^= FeistelPermutation.hash(low, keys.1, bits: highBits)
        low ^= FeistelPermutation.hash(high, keys.2, bits: lowBits)
        high ^= FeistelPermutation.hash(low, keys.3, bits: highBits)
        return (high << lowBits) | low
    }

    /// The image of `index` (0 ≤ index < size).
    @inline(__always)
    func callAsFunction(_ index: Int) -> Int {
        var value = UInt64(index)
        repeat { value = encrypt(value) } while value >= UInt64(size)
        return Int(value)
    }
}

/// Splits `total` into parts proportional to `weights` (non-negative, not all zero) such that
/// the parts add up to `total` exactly: part i is the difference of the rounded-down cumulative
/// shares, so every part is within one of its exact share.
func apportion(_ total: Int, weights: [Int]) -> [Int] {
    let sum = weights.reduce(0, +)
    guard sum > 0 else { return weights.map { _ in 0 } }
    var parts = [Int]()
    parts.reserveCapacity(weights.count)
    var cumulative = 0
    var previous = 0
    for weight in weights {
        cumulative += weight
        let (high, low) = total.multipliedFullWidth(by: cumulative)
        let share = sum.dividingFullWidth((high, low)).quotient
        parts.append(share - previous)
        previous = share
    }
    return parts
}
