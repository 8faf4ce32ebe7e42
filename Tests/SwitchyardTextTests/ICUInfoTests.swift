import Testing

@testable import SwitchyardText

@Suite struct ICUInfoTests {
    @Test func systemICUIsLinked() {
        let parts = ICUInfo.version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect((Int(parts.first ?? "") ?? 0) >= 60)
    }
}
