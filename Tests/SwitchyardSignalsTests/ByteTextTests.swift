import Testing

@testable import SwitchyardSignals

/// The eight-bytes-at-a-time searches against byte-by-byte walks, on every byte value and alignment.
@Suite struct ByteTextTests {
    /// Deterministic pseudo-random bytes weighted towards letters, spaces and the searched byte.
    func sample(_ seed: UInt64, count: Int) -> [UInt8] {
        var state = seed
        var out: [UInt8] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = UInt8(truncatingIfNeeded: state >> 33)
            switch r % 4 {
            case 0, 1: out.append(0x61 + r % 26)
            case 2: out.append(r % 3 == 0 ? 0x20 : 0x4F)
            default: out.append(r)
            }
        }
        return out
    }

    @Test func lowercaseRunEndMatchesAByteWalk() {
        for seed in 0..<40 as Range<UInt64> {
            let bytes = sample(seed, count: 97)
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    var expected = start
                    while expected < bytes.count, ByteText.isLower(bytes[expected]) { expected += 1 }
                    #expect(ByteText.lowercaseRunEnd(buffer, from: start) == expected)
                }
            }
        }
        let everyByte = (0...255).map { UInt8($0) }
        everyByte.withUnsafeBufferPointer { buffer in
            for start in 0..<256 {
                // 0x61...0x7A is one run ending at '{'; every other byte ends a run where it stands.
                #expect(ByteText.lowercaseRunEnd(buffer, from: start) == (ByteText.isLower(UInt8(start)) ? 0x7B : start))
            }
        }
    }

    @Test func firstIndexMatchesAByteWalk() {
        for seed in 0..<40 as Range<UInt64> {
            let bytes = sample(seed, count: 61)
            for target in [0x4F, 0x20, 0x00, 0xFF, 0x61] as [UInt8] {
                for start in 0...bytes.count {
                    #expect(ByteText.firstIndex(of: target, in: bytes, from: start) == bytes[start...].firstIndex(of: target))
                }
            }
        }
        let everyByte = (0...255).map { UInt8($0) }
        for target in 0...255 {
            #expect(ByteText.firstIndex(of: UInt8(target), in: everyByte, from: 0) == target)
        }
    }
}
