internal import CICU

/// Facts about the ICU library the text stages run on.
public enum ICUInfo {
    /// The linked system ICU's version, e.g. "72.1".
    public static var version: String {
        var buf = [CChar](repeating: 0, count: 32)
        cicu_version(&buf, Int32(buf.count))
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
