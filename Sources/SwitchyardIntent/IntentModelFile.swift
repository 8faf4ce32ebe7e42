import SwitchyardText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The model file format (version 1), all integers little-endian:
///
/// ```
/// "SYINTENT"                 8 bytes magic
/// u32 formatVersion          1
/// u32 n, then n bytes        metadata, UTF-8 JSON (IntentModelMetadata, sorted keys)
/// u32 F  features, u32 K labels, u32 W word features (indices < W), u32 E stored weights
/// u64[F] feature keys        FNV-1a 64 keys (see FeatureSpace), word block then char block
/// f32[F] idf
/// f32[K] bias
/// f32[F] row scale           weight = q × scale
/// u32[F+1] row start         row r's weights are entries row_start[r] ..< row_start[r+1]
/// u16[E] label index
/// i16[E] q
/// u64 checksum               FNV-1a 64 of every byte before it
/// ```
extension IntentModel {
    static let magic: [UInt8] = Array("SYINTENT".utf8)
    static let fileFormatVersion: UInt32 = 1

    /// The model as file bytes.
    public func serialized() throws -> [UInt8] {
        var out = ByteWriter()
        out.bytes.append(contentsOf: Self.magic)
        out.u32(Self.fileFormatVersion)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(metadata)
        out.u32(UInt32(json.count))
        out.bytes.append(contentsOf: json)
        out.u32(UInt32(vectorizer.featureCount))
        out.u32(UInt32(labels.count))
        out.u32(UInt32(vectorizer.wordFeatureCount))
        out.u32(UInt32(weights.entryCount))
        for key in vectorizer.keys { out.u64(key) }
        for v in vectorizer.idf { out.u32(v.bitPattern) }
        for v in bias { out.u32(v.bitPattern) }
        for v in weights.scale { out.u32(v.bitPattern) }
        for v in weights.rowStart { out.u32(v) }
        for v in weights.label { out.u16(v) }
        for v in weights.quantized { out.u16(UInt16(bitPattern: v)) }
        var hash = FileChecksum()
        hash.feed(out.bytes)
        out.u64(hash.value)
        return out.bytes
    }

    /// Loads a model from file bytes. Throws `IntentModelError` saying what is wrong.
    public init(bytes: [UInt8]) throws {
        var input = ByteReader(bytes: bytes)
        guard bytes.count >= 16, Array(bytes[0..<8]) == Self.magic else {
            throw IntentModelError("not a Switchyard intent model (bad magic)")
        }
        input.offset = 8
        let version = try input.u32()
        guard version == Self.fileFormatVersion else {
            throw IntentModelError("model file format \(version) is not supported (expected \(Self.fileFormatVersion))")
        }
        var hash = FileChecksum()
        hash.feed(bytes[0..<(bytes.count - 8)])
        var tail = ByteReader(bytes: bytes)
        tail.offset = bytes.count - 8
        guard try tail.u64() == hash.value else { throw IntentModelError("model file is damaged (checksum mismatch)") }

        let jsonLength = Int(try input.u32())
        let json = try input.take(jsonLength)
        let metadata: IntentModelMetadata
        do {
            metadata = try JSONDecoder().decode(IntentModelMetadata.self, from: Data(json))
        } catch {
            throw IntentModelError("model metadata is unreadable: \(error)")
        }
        guard metadata.format == IntentModelMetadata.formatName else {
            throw IntentModelError("metadata format is \(metadata.format), not \(IntentModelMetadata.formatName)")
        }
        let f = Int(try input.u32())
        let k = Int(try input.u32())
        let wordCount = Int(try input.u32())
        let entries = Int(try input.u32())
        // Sizes come from the file: check they fit in it before allocating anything.
        let needed = f * 8 + f * 4 + k * 4 + f * 4 + (f + 1) * 4 + entries * 4 + 8
        guard needed == bytes.count - input.offset, k == metadata.labels.count else {
            throw IntentModelError("model file size does not match its tables")
        }
        let keys = try input.u64s(f)
        let idf = try input.u32s(f).map { Float(bitPattern: $0) }
        let bias = try input.u32s(k).map { Float(bitPattern: $0) }
        let scale = try input.u32s(f).map { Float(bitPattern: $0) }
        let rowStart = try input.u32s(f + 1)
        let label = try input.u16s(entries)
        let quantized = try input.u16s(entries).map { Int16(bitPattern: $0) }
        let vectorizer = try TFIDFVectorizer(
            space: metadata.featureSpace, keys: keys, idf: idf, wordFeatureCount: wordCount)
        let weights = try QuantizedWeights(
            rowStart: rowStart, label: label, quantized: quantized, scale: scale, labelCount: k)
        try self.init(metadata: metadata, vectorizer: vectorizer, weights: weights, bias: bias)
    }

    /// Loads a model file.
    public init(contentsOfFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(bytes: [UInt8](data))
    }

    /// Writes the model file (atomically: a reader never sees half a model).
    public func write(toFile path: String) throws {
        try Data(serialized()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

struct FileChecksum {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func feed<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    mutating func u32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    mutating func u64(_ v: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }
}

struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) throws(IntentModelError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw IntentModelError("model file is truncated") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// `count` little-endian values read in one pass (model tables hold millions of them).
    private mutating func values<T: FixedWidthInteger>(_ count: Int, _: T.Type) throws(IntentModelError) -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= (bytes.count - offset) / size else {
            throw IntentModelError("model file is truncated")
        }
        let start = offset
        offset += count * size
        return bytes.withUnsafeBytes { raw in
            [T](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    out[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * size, as: T.self))
                }
                initialized = count
            }
        }
    }

    mutating func u16s(_ count: Int) throws(IntentModelError) -> [UInt16] { try values(count, UInt16.self) }
    mutating func u32s(_ count: Int) throws(IntentModelError) -> [UInt32] { try values(count, UInt32.self) }
    mutating func u64s(_ count: Int) throws(IntentModelError) -> [UInt64] { try values(count, UInt64.self) }

    mutating func u16() throws(IntentModelError) -> UInt16 {
        let b = try take(2)
        return UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8
    }

    mutating func u32() throws(IntentModelError) -> UInt32 {
        let b = try take(4)
        var v: UInt32 = 0
        for (i, byte) in b.enumerated() { v |= UInt32(byte) << UInt32(8 * i) }
        return v
    }

    mutating func u64() throws(IntentModelError) -> UInt64 {
        let b = try take(8)
        var v: UInt64 = 0
        for (i, byte) in b.enumerated() { v |= UInt64(byte) << UInt64(8 * i) }
        return v
    }
}
