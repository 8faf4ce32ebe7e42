import Testing
import SwitchyardServer

@Suite struct NetworkRangeTests {
    @Test(arguments: [
        ("127.0.0.0/8", "127.0.0.1", true), ("127.0.0.0/8", "128.0.0.1", false),
        ("10.1.2.3", "10.1.2.3", true), ("10.1.2.3", "10.1.2.4", false),
        ("192.168.0.0/16", "::ffff:192.168.7.9", true), ("::1/128", "::1", true),
        ("::1", "::2", false), ("2001:db8::/32", "2001:db8:1::5", true), ("2001:db8::/32", "2001:db9::1", false),
        ("0.0.0.0/0", "8.8.8.8", true),
    ])
    func containment(block: String, address: String, expected: Bool) throws {
        let range = try #require(NetworkRange(block))
        #expect(range.contains(address) == expected)
    }

    @Test(arguments: ["", "300.1.1.1/8", "1.2.3/8", "1.2.3.4/33", "::1/129", "1:2:3", "1::2::3", "x.y.z.w", "10.0.0.0/"])
    func rejectsInvalid(text: String) {
        #expect(NetworkRange(text) == nil)
    }

    @Test func description() throws {
        #expect(try #require(NetworkRange("10.9.8.7/8")).description == "10.0.0.0/8")
        #expect(try #require(NetworkRange("::1")).description == "0:0:0:0:0:0:0:1/128")
    }
}
