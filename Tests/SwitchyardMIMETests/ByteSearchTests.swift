import Testing

@testable import SwitchyardMIME

/// The eight-bytes-at-a-time searches against plain loops on random text, so word edges, tails
/// and bytes above 0x7F are all covered.
@Suite("Byte search")
struct ByteSearchTests {
    /// A small deterministic generator (xorshift), so a failure reproduces.
    private struct Bytes {
        var state: UInt64

        mutating func next(_ alphabet: [UInt8]) -> UInt8 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return alphabet[Int(state % UInt64(alphabet.count))]
        }

        mutating func array(_ count: Int, _ alphabet: [UInt8]) -> [UInt8] {
            (0..<count).map { _ in next(alphabet) }
        }
    }

    private static let alphabet: [UInt8] = Array("abAB:0-9 \n\r=?<".utf8) + [0x7F, 0x80, 0xC3, 0xFF, 0x00, 0x1B]

    private static func naiveContains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains {
            haystack[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }

    @Test func containsAgreesWithAPlainSearch() {
        var random = Bytes(state: 0x9E37_79B9_7F4A_7C15)
        for round in 0..<3_000 {
            let haystack = random.array(round % 70, Self.alphabet)
            let needle = random.array(1 + round % 4, Self.alphabet)
            #expect(ByteSearch.contains(haystack, needle) == Self.naiveContains(haystack, needle))
        }
    }

    @Test func firstIndexAgreesWithAPlainSearch() {
        var random = Bytes(state: 0x2545_F491_4F6C_DD1D)
        for round in 0..<3_000 {
            let bytes = random.array(round % 70, Self.alphabet)
            let byte = random.next(Self.alphabet)
            let start = bytes.isEmpty ? 0 : round % (bytes.count + 1)
            let found = bytes.withUnsafeBufferPointer {
                ByteSearch.firstIndex(of: byte, in: $0, from: start, to: bytes.count)
            }
            #expect(found == bytes[start...].firstIndex(of: byte))
        }
    }

    @Test func digitsColonsAndLowerCasingAgreeWithPlainLoops() {
        var random = Bytes(state: 0xDEAD_BEEF_CAFE_F00D)
        let letters = Self.alphabet + Array("xyzXYZ@[`{/;".utf8)
        for round in 0..<3_000 {
            let bytes = random.array(round % 70, letters)
            #expect(
                ByteSearch.containsDigitOrColon(bytes[...]) == bytes.contains { $0 >= 0x30 && $0 <= 0x3A })
            #expect(ByteSearch.asciiLowercased(bytes) == bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        }
    }
}
