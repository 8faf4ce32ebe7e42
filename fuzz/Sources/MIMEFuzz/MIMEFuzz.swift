import SwitchyardMIME

/// libFuzzer entry point: parse arbitrary bytes with small limits (so deep or huge inputs hit
/// the caps quickly) and touch every derived value, including the JSON document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let limits = ParserLimits(
        maxHeaderBytes: 16 * 1024, maxHeaderCount: 200, maxDepth: 12, maxParts: 100,
        maxPartBytes: 256 * 1024, maxMessageBytes: 1024 * 1024, maxHTMLBytes: 64 * 1024)
    let message = Message(parsing: bytes, limits: limits)
    let document = MessageDocument(message)
    var total = document.text.utf8.count + document.quoted.utf8.count + document.signature.utf8.count
    total += document.attachments.count + document.defects.count + (document.htmlText?.utf8.count ?? 0)
    // Header-level parsers on raw input too: they see fields the message parser may never reach.
    let text = String(decoding: bytes.prefix(4_096), as: UTF8.self)
    total += AddressParser.parse(text).mailboxes.count
    total += ContentType.parse(text).parameters.count
    total += DateParser.parse(text) == nil ? 0 : 1
    total += EncodedWords.decode(text).utf8.count
    total += HTMLText.convert(text).utf8.count
    return total >= 0 ? 0 : 1
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` renamed to `<target>_main`; libFuzzer's own `main` is
/// therefore not used, and this entry point starts the libFuzzer driver instead.
@_cdecl("MIMEFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzOneInput)
}
