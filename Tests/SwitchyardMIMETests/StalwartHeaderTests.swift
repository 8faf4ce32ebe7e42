import Foundation
import Testing

@testable import SwitchyardMIME

/// stalwart mail-parser's header vectors, compared on a projection. Disagreements that remain
/// are listed with their reason in Fixtures/stalwart-disagreements.json; the test fails when a
/// new disagreement appears or a listed one is fixed (so the list stays true).
@Suite("stalwart header vectors")
struct StalwartHeaderTests {
    static func vectors(_ name: String) -> [(header: String, expected: Any)] {
        guard let list = Corpus.json(Corpus.url("stalwart/headers/\(name).json")) as? [[String: Any]] else { return [] }
        return list.compactMap { entry in (entry["header"] as? String).map { ($0, entry["expected"] ?? NSNull()) } }
    }

    /// Unfolds the way the message parser does before structured parsing.
    static func unfold(_ header: String) -> String {
        let field = HeaderField(name: "X", rawValue: "")
        _ = field
        var lines = header.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map { $0.trimmingCharacters(in: .whitespaces) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: " ")
    }

    static func mismatches() -> [String: String] {
        var found: [String: String] = [:]
        func check(_ key: String, _ ours: String, _ theirs: String) {
            if ours != theirs { found[key] = "ours=\(ours) theirs=\(theirs)" }
        }
        for (index, vector) in vectors("address").enumerated() {
            check(
                "address#\(index)", describe(AddressParser.parse(unfold(vector.header))),
                describeAddress(vector.expected))
        }
        for (index, vector) in vectors("content_type").enumerated() {
            let ours = ContentType.parse(unfold(vector.header))
            let expected = vector.expected as? [String: Any] ?? [:]
            let attributes = (expected["attributes"] as? [[Any]] ?? []).map { "\($0.first ?? "")=\($0.last ?? "")" }
            let theirs = "\(expected["c_type"] ?? "")/\(expected["c_subtype"] as? String ?? "") \(attributes)"
            // A value without a type is "no content type" (the message parser then uses text/plain).
            let mine =
                ours.type.isEmpty
                ? "/ []" : "\(ours.type)/\(ours.subtype) \(ours.parameters.map { "\($0.name)=\($0.value)" })"
            check("content_type#\(index)", mine, theirs)
        }
        for (index, vector) in vectors("date").enumerated() {
            check("date#\(index)", describe(DateParser.parse(unfold(vector.header))), describeDate(vector.expected))
        }
        for (index, vector) in vectors("id").enumerated() {
            check("id#\(index)", "\(MessageIDs.parse(unfold(vector.header)))", "\(vector.expected as? [String] ?? [])")
        }
        for (index, vector) in vectors("list").enumerated() {
            let field = HeaderField(name: "Keywords", rawValue: unfold(vector.header))
            check("list#\(index)", "\(field.listItems)", "\(vector.expected as? [String] ?? [])")
        }
        for (index, vector) in vectors("unstructured").enumerated() {
            let field = HeaderField(name: "Subject", rawValue: unfold(vector.header))
            check("unstructured#\(index)", field.value, vector.expected as? String ?? "")
        }
        for (index, vector) in vectors("received").enumerated() {
            let ours = ReceivedTrace.parse(unfold(vector.header))
            let expected = vector.expected as? [String: Any] ?? [:]
            func host(_ value: Any?) -> String {
                guard let value = value as? [String: Any], let first = value.values.first else { return "nil" }
                return "\(first)"
            }
            let theirs =
                "from=\(host(expected["from"])) by=\(host(expected["by"])) "
                + "with=\((expected["with"] as? String)?.uppercased() ?? "nil") "
                + "id=\(expected["id"] as? String ?? "nil") date=\(describeDate(expected["date"] ?? NSNull()))"
            let mine =
                "from=\(ours.from ?? "nil") by=\(ours.by ?? "nil") with=\(ours.with ?? "nil") "
                + "id=\(ours.id ?? "nil") date=\(describe(ours.date))"
            check("received#\(index)", mine, theirs)
        }
        return found
    }

    static func describe(_ list: AddressList) -> String {
        list.entries.map { entry -> String in
            switch entry {
            case .mailbox(let box): return "\(box.name ?? "-")|\(box.address ?? "-")"
            case .group(let name, let members):
                return "group \(name): "
                    + members.map { "\($0.name ?? "-")|\($0.address ?? "-")" }.joined(separator: ", ")
            }
        }.joined(separator: "; ")
    }

    static func describeAddress(_ value: Any) -> String {
        func box(_ item: Any) -> String {
            let entry = item as? [String: Any] ?? [:]
            return "\(entry["name"] as? String ?? "-")|\(entry["address"] as? String ?? "-")"
        }
        guard let object = value as? [String: Any] else { return "" }
        if let list = object["List"] as? [Any] { return list.map(box).joined(separator: "; ") }
        if let groups = object["Group"] as? [[String: Any]] {
            return groups.map { group -> String in
                let members = (group["addresses"] as? [Any] ?? []).map(box).joined(separator: ", ")
                if let name = group["name"] as? String { return "group \(name): " + members }
                return members
            }.joined(separator: "; ")
        }
        return ""
    }

    static func describe(_ date: MailDate?) -> String {
        guard let date else { return "nil" }
        return "\(date.year)-\(date.month)-\(date.day) \(date.hour):\(date.minute):\(date.second) \(date.offsetMinutes)"
    }

    static func describeDate(_ value: Any) -> String {
        guard let date = value as? [String: Any], let year = date["year"] as? Int else { return "nil" }
        let sign = (date["tz_before_gmt"] as? Bool ?? false) ? -1 : 1
        let offset = sign * ((date["tz_hour"] as? Int ?? 0) * 60 + (date["tz_minute"] as? Int ?? 0))
        return "\(year)-\(date["month"] ?? 0)-\(date["day"] ?? 0) \(date["hour"] ?? 0):\(date["minute"] ?? 0):"
            + "\(date["second"] ?? 0) \(offset)"
    }

    @Test func headerVectorsAgreeExceptListedDisagreements() throws {
        let listed = try #require(
            Corpus.json(Corpus.fixtures.appendingPathComponent("stalwart-disagreements.json")) as? [String: String])
        let found = Self.mismatches()
        let total = ["address", "content_type", "date", "id", "list", "unstructured", "received"].map {
            Self.vectors($0).count
        }.reduce(0, +)
        try #require(total > 200)
        for (key, detail) in found.sorted(by: { $0.key < $1.key }) where listed[key] == nil {
            Issue.record("new disagreement \(key): \(detail)")
        }
        for key in listed.keys.sorted() where found[key] == nil && key.contains("#") {
            Issue.record("listed disagreement \(key) no longer occurs: remove it from the fixture")
        }
        #expect(listed.values.allSatisfy { !$0.isEmpty })
    }
}
