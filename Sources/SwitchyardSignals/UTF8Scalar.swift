/// Decodes one Unicode scalar from UTF-8 bytes without building a String, accepting exactly the
/// well-formed sequences of Unicode Table 3-7 (no overlongs, surrogates or values past U+10FFFF).
enum UTF8Scalar {
    /// The scalar starting at `index` and its length in bytes, or nil when the bytes there are not
    /// a well-formed sequence (a String would read U+FFFD).
    @inline(__always) static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let count = bytes.count
        let lead = bytes[index]
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard index + offset < count else { return nil }
            let b = bytes[index + offset]
            return b >= low && b <= high ? UInt32(b & 0x3F) : nil
        }
        var value: UInt32
        var length: Int
        switch lead {
        case 0x00...0x7F:
            return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return nil }
            value = UInt32(lead & 0x1F) << 6 | c1
            length = 2
        case 0xE0...0xEF:
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard let c1 = continuation(1, low, high), let c2 = continuation(2) else { return nil }
            value = UInt32(lead & 0x0F) << 12 | c1 << 6 | c2
            length = 3
        case 0xF0...0xF4:
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard let c1 = continuation(1, low, high), let c2 = continuation(2), let c3 = continuation(3) else {
                return nil
            }
            value = UInt32(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            length = 4
        default:
            return nil
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
