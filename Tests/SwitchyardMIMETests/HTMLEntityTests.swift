import Foundation
import Testing

@testable import SwitchyardMIME

/// Character references per the WHATWG HTML standard: the whole named table, legacy names without
/// ";" by longest prefix, numeric references with the standard's replacements. Python's `html`
/// module implements the same table and rules and serves as the reference where it agrees with the
/// standard (it drops referenced controls and noncharacters, which the standard keeps).
@Suite("HTML character references")
struct HTMLEntityTests {
    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    static func decode(_ text: String) -> String { HTMLEntities.decode(Array(text.utf8)) }

    /// Runs a Python snippet that reads a JSON value on stdin and writes one on stdout.
    static func python<Input: Encodable, Output: Decodable>(_ script: String, input: Input) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let data = try JSONEncoder().encode(input)
        // Write from another thread: Python may fill its stdout pipe before it has read all input.
        let writer = Thread {
            stdin.fileHandleForWriting.write(data)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode(Output.self, from: output)
    }

    @Test func tableIsTheWhatwgTable() throws {
        let script = """
            import html.entities, json, sys
            json.dump({k: [ord(c) for c in v] for k, v in html.entities.html5.items()}, sys.stdout)
            """
        let reference: [String: [UInt32]] = try Self.python(script, input: [String]())
        #expect(reference.count == 2_231)
        #expect(HTMLEntities.table.count == reference.count)
        for (name, expected) in reference {
            #expect(HTMLEntities.table[name].map(Self.scalars) == expected, "\(name)")
        }
        let legacy = reference.keys.filter { !$0.hasSuffix(";") }
        #expect(legacy.count == 106)
        #expect(HTMLEntities.longestName == reference.keys.map(\.utf8.count).max())
        #expect(HTMLEntities.longestLegacyName == legacy.map(\.utf8.count).max())
    }

    @Test func rareAndTwoScalarNames() {
        #expect(Self.scalars(Self.decode("&NotNestedGreaterGreater;")) == [0x2AA2, 0x0338])
        #expect(Self.scalars(Self.decode("a&bne;b")) == [0x61, 0x3D, 0x20E5, 0x62])
        #expect(Self.decode("&fjlig;") == "fj")
        #expect(Self.decode("&CounterClockwiseContourIntegral;") == "\u{2233}")
        #expect(Self.decode("&Tab;&NewLine;") == "\t\n")
        #expect(Self.decode("&AMP;&amp;&lt;&LT;&hellip;") == "&&<<…")
    }

    @Test func legacyNamesWithoutSemicolonTakeTheLongestPrefix() {
        #expect(Self.decode("&notit;") == "¬it;")
        #expect(Self.decode("&notin;") == "∉")
        #expect(Self.decode("&notin") == "¬in")
        #expect(Self.decode("&amp &nbsp;&copy2026 &ampx;") == "& \u{00A0}©2026 &x;")
        #expect(Self.decode("&frac34s") == "¾s")
        #expect(Self.decode("&not") == "¬")
        // Only legacy names work without ";": "&hellip" is not one.
        #expect(Self.decode("&hellip") == "&hellip")
    }

    @Test func numericReferences() {
        #expect(Self.decode("&#x80;") == "€")
        #expect(Self.decode("&#150;&#x9f;") == "–Ÿ")
        #expect(
            Self.scalars(Self.decode("&#x81;&#x8D;&#143;&#x90;&#157;")) == [0x81, 0x8D, 0x8F, 0x90, 0x9D])
        #expect(Self.decode("&#0;") == "\u{FFFD}")
        #expect(Self.decode("&#xD800;&#xdfff;") == "\u{FFFD}\u{FFFD}")
        #expect(Self.decode("&#1114112;") == "\u{FFFD}")
        #expect(Self.decode("&#x10FFFF;") == "\u{10FFFF}")
        #expect(Self.decode("&#99999999999999999999999;") == "\u{FFFD}")
        #expect(Self.decode("&#xFFFFFFFFFFFFFFFF") == "\u{FFFD}")
        // Noncharacters and controls other than C1 are parse errors only: kept.
        #expect(Self.scalars(Self.decode("&#xFFFE;&#1;&#13;")) == [0xFFFE, 0x01, 0x0D])
        // The ";" is optional; the digits end the reference.
        #expect(Self.decode("&#39abc &#x27;s &#X41") == "'abc 's A")
        #expect(Self.decode("&#x263Ag") == "☺g")
    }

    @Test func nonReferencesStayLiteral() {
        for text in ["&bogus;", "AT&T", "a & b", "&", "&;", "&#", "&#;", "&#x;", "&#xg;", "&é", "&&"] {
            #expect(Self.decode(text) == text, "\(text)")
        }
        #expect(Self.decode("&&amp;&") == "&&&")
        // Longer than any name: scanned no further than the longest name, and no reference.
        let long = "&" + String(repeating: "a", count: 40) + ";"
        #expect(Self.decode(long) == long)
    }

    /// Every name in the table, with and without ";" and followed by text, decodes as Python's
    /// `html.unescape` decodes it; so do numeric references outside the controls and noncharacters.
    @Test func agreesWithPythonUnescape() throws {
        var inputs: [String] = []
        for name in HTMLEntities.table.keys.sorted() {
            let bare = name.hasSuffix(";") ? String(name.dropLast()) : name
            inputs += ["&\(bare);", "x&\(bare)y", "&\(bare)1;", "&\(bare)é"]
        }
        for number in [
            9, 10, 32, 38, 60, 0x80, 0x96, 0x9F, 0xA0, 0x263A, 0xD7FF, 0xE000, 0xFFFD, 0x1F600, 0x10FFFD,
        ] {
            inputs += [
                "&#\(number);", "&#\(number)x", "&#x\(String(number, radix: 16))",
                "&#X\(String(number, radix: 16));",
            ]
        }
        for surrogateOrTooLarge in [0xD800, 0xDBFF, 0xDFFF, 0x110000, 0x7FFF_FFFF] {
            inputs += ["&#\(surrogateOrTooLarge);", "&#x\(String(surrogateOrTooLarge, radix: 16))"]
        }
        let script = """
            import html, json, sys
            json.dump([[ord(c) for c in html.unescape(s)] for s in json.load(sys.stdin)], sys.stdout)
            """
        let expected: [[UInt32]] = try Self.python(script, input: inputs)
        #expect(expected.count == inputs.count)
        for (input, reference) in zip(inputs, expected) {
            #expect(Self.scalars(Self.decode(input)) == reference, "\(input)")
        }
    }

    @Test func converterDecodesReferencesInText() {
        let html = "<p>&notit; &bne; &#x80;5 &fjlig;ord &amp &bogus; &lt;b&gt;</p>"
        #expect(HTMLText.convert(html) == "¬it; =\u{20E5} €5 fjord & &bogus; <b>")
    }
}
