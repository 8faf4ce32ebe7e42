/// Content-Transfer-Encoding decoders (RFC 2045 §6), lenient with what real mail gets wrong:
/// base64 skips foreign bytes and decodes a truncated tail, quoted-printable keeps bad escapes.
public enum TransferDecoding {
    /// Decodes base64, ignoring whitespace and garbage; `clean` is false when input was damaged.
    public static func base64(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], clean: Bool) {
        var quad: UInt32 = 0
        var count = 0
        var clean = true
        var sawPadding = false
        let table = base64Values
        // Four digits give three bytes; a cut tail gives at most two more.
        let output = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { out, written in
            var length = 0
            input.withUnsafeBufferPointer { buffer in
                for byte in buffer {
                    let value = table[Int(byte)]
                    if value >= Self.padding {
                        // Padding ends the data, as in Python's binascii: text after it is not decoded.
                        if value == Self.padding && count >= 2 { sawPadding = true }
                        if value == Self.foreign { clean = false }
                        continue
                    }
                    if sawPadding {
                        clean = false
                        break
                    }
                    quad = quad << 6 | UInt32(value)
                    count += 1
                    if count == 4 {
                        out[length] = UInt8(truncatingIfNeeded: quad >> 16)
                        out[length + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        out[length + 2] = UInt8(truncatingIfNeeded: quad)
                        length += 3
                        quad = 0
                        count = 0
                    }
                }
            }
            switch count {
            case 2:
                out[length] = UInt8(truncatingIfNeeded: quad >> 4)
                length += 1
            case 3:
                out[length] = UInt8(truncatingIfNeeded: quad >> 10)
                out[length + 1] = UInt8(truncatingIfNeeded: quad >> 2)
                length += 2
            case 1:
                clean = false
            default:
                break
            }
            written = length
        }
        if count != 0 && !sawPadding { clean = false }
        return (output, clean)
    }

    private static let padding: UInt8 = 64
    private static let blank: UInt8 = 65
    private static let foreign: UInt8 = 66

    /// Per byte: its base64 digit value, or padding ("="), blank (skipped) or foreign (damage).
    private static let base64Values: [UInt8] = (0...255).map { code -> UInt8 in
        let byte = UInt8(code)
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        case UInt8(ascii: "="): return padding
        case 0x20, 0x09, 0x0D, 0x0A: return blank
        default: return foreign
        }
    }

    /// Decodes quoted-printable; `header` mode also turns "_" into space (RFC 2047 "Q").
    public static func quotedPrintable(_ input: ArraySlice<UInt8>, header: Bool = false) -> (
        bytes: [UInt8], clean: Bool
    ) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var clean = true
        var index = input.startIndex
        let end = input.endIndex
        var lineStart = output.count
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                let next = input.index(after: index)
                if next < end, input[next] == 0x0A {  // soft break, LF only
                    index = input.index(after: next)
                    continue
                }
                if next < end, input[next] == 0x0D {
                    let after = input.index(after: next)
                    index = after < end && input[after] == 0x0A ? input.index(after: after) : after
                    continue
                }
                if next < end, input.index(after: next) < end,
                    let high = hexValue(input[next]), let low = hexValue(input[input.index(after: next)])
                {
                    output.append(high << 4 | low)
                    lineStart = output.count  // an encoded blank ("=20") is content, not padding
                    index = input.index(next, offsetBy: 2)
                    continue
                }
                // "=" followed by whitespace to end of line is a soft break with trailing blanks.
                var probe = next
                while probe < end, input[probe] == 0x20 || input[probe] == 0x09 { probe = input.index(after: probe) }
                if probe == end || input[probe] == 0x0A || input[probe] == 0x0D {
                    index = probe
                    if index < end, input[index] == 0x0D { index = input.index(after: index) }
                    if index < end, input[index] == 0x0A { index = input.index(after: index) }
                    continue
                }
                clean = false
                output.append(byte)
                index = next
                continue
            }
            if header && byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else if byte == 0x0A || byte == 0x0D {
                // Transport padding: trailing blanks before a hard line break are removed.
                while output.count > lineStart, output[output.count - 1] == 0x20 || output[output.count - 1] == 0x09 {
                    output.removeLast()
                }
                output.append(byte)
                lineStart = output.count
            } else {
                output.append(byte)
            }
            index = input.index(after: index)
        }
        return (output, clean)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
