// The command-line contracts of DESIGN.md, driven through the real binary: `parse --json` with the
// signals, and `train`/`eval` on a corpus directory of .eml files and a Maildir. No MTA is needed,
// so these run in every `swift test`, not only with SWITCHYARD_E2E=1.
import Foundation
import Testing

@Suite("switchyard parse/train/eval")
struct CLITests {
    static let complaint = """
        From: Anna Schmidt <anna@example.de>\r
        To: support@example.com\r
        Subject: AW: Karte gesperrt\r
        Date: Thu, 26 Nov 2026 09:15:00 +0100\r
        Message-ID: <x1@example.de>\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Hallo,\r
        \r
        ich bin wirklich NICHT zufrieden. Meine Karte wurde gestern gesperrt und die Überweisung\r
        von 120,50 EUR auf DE89 3704 0044 0532 0130 00 ist nicht angekommen.\r
        \r
        Viele Grüße\r
        Anna\r
        \r
        Am 25.11.2026 um 10:00 schrieb Support <support@example.com>:\r
        > Vielen Dank für Ihre Nachricht.\r

        """

    @Test("parse --json carries the MIME fields and language, sentiment and entities")
    func parseJSONWithSignals() async throws {
        let models = E2E.packageRoot.appendingPathComponent("models").path
        let result = try await Command.run(
            try Gateway.binary(), ["parse", "--json", "--models", models, "-"], input: Data(Self.complaint.utf8),
            timeout: 120)
        #expect(result.status == 0, "\(result.transcript)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["subject"] as? String == "AW: Karte gesperrt")
        #expect((json["text"] as? String)?.contains("NICHT zufrieden") == true)
        #expect((json["quoted"] as? String)?.contains("Vielen Dank") == true, "the quoted reply is split off")
        let language = try #require(json["language"] as? [String: Any])
        #expect(language["code"] as? String == "de")
        let sentiment = try #require(json["sentiment"] as? [String: Any])
        #expect(sentiment["label"] as? String == "negative")
        let entities = try #require(json["entities"] as? [[String: Any]])
        let iban = try #require(entities.first { $0["type"] as? String == "iban" })
        #expect(iban["valid"] as? Bool == true)
        #expect(iban["value"] as? String == "DE89370400440532013000")
        let date = try #require(entities.first { $0["type"] as? String == "date" })
        #expect(date["value"] as? String == "2026-11-25", "gestern is the day before the Date header")
    }

    @Test("parse --config applies the configuration's mime: caps; a bad file exits 78 with FILE:LINE")
    func parseWithConfiguredCaps() async throws {
        let scratch = try E2E.makeScratch("parse-config")
        defer { E2E.removeScratch(scratch) }
        let config = scratch.appendingPathComponent("switchyard.yaml")
        try Data("mime:\n  max_parts: 2\n".utf8).write(to: config)
        var message = "Subject: three parts\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        for n in 1...3 { message += "--b\r\nContent-Type: text/plain\r\n\r\npart \(n)\r\n" }
        message += "--b--\r\n"
        let capped = try await Command.run(
            try Gateway.binary(), ["parse", "--json", "--config", config.path, "-"], input: Data(message.utf8),
            timeout: 120)
        #expect(capped.status == 0, "\(capped.transcript)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(capped.stdout.utf8)) as? [String: Any])
        let kinds = (json["defects"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("part_count_exceeded"), "defects: \(kinds)")
        let uncapped = try await Command.run(
            try Gateway.binary(), ["parse", "--json", "-"], input: Data(message.utf8), timeout: 120)
        #expect(!uncapped.stdout.contains("part_count_exceeded"), "the default cap is far above 3 parts")

        try Data("mime:\n  max_parts: 1\n".utf8).write(to: config)
        let refused = try await Command.run(
            try Gateway.binary(), ["parse", "--config", config.path, "-"], input: Data(message.utf8), timeout: 120)
        #expect(refused.status == 78, "\(refused.transcript)")
        #expect(
            refused.stderr.contains("switchyard.yaml:2: mime.max_parts: must be at least 2"), "\(refused.stderr)")
    }

    @Test("train --corpus reads .eml folders and a Maildir; eval --json reports the contract's keys")
    func trainAndEvalOnCorpus() async throws {
        let scratch = try E2E.makeScratch("corpus")
        defer { E2E.removeScratch(scratch) }
        let corpus = scratch.appendingPathComponent("corpus")
        let fm = FileManager.default
        let topics: [(label: String, words: [String])] = [
            ("billing", ["invoice", "charged", "refund", "payment", "bill", "price"]),
            ("shipping", ["parcel", "delivery", "courier", "tracking", "package", "arrived"]),
        ]
        for (index, topic) in topics.enumerated() {
            // The first label as loose .eml files, the second as a Maildir (new/ and cur/).
            let folder = corpus.appendingPathComponent(topic.label)
            let dirs = index == 0 ? [folder] : ["new", "cur", "tmp"].map { folder.appendingPathComponent($0) }
            for dir in dirs { try fm.createDirectory(at: dir, withIntermediateDirectories: true) }
            for n in 0..<12 {
                let a = topic.words[n % topic.words.count]
                let b = topic.words[(n + 2) % topic.words.count]
                let text = "Subject: question \(n) about my \(a)\r\nMessage-ID: <\(topic.label)\(n)@t>\r\n\r\n"
                    + "Hello, I have a problem with the \(b) and the \(a). Please help.\r\n"
                let file =
                    index == 0
                    ? folder.appendingPathComponent("\(n).eml")
                    : folder.appendingPathComponent(n % 2 == 0 ? "new" : "cur")
                        .appendingPathComponent("17000000\(n).M1P1Q\(n).host" + (n % 2 == 0 ? "" : ":2,S"))
                try Data(text.utf8).write(to: file)
            }
        }
        let model = scratch.appendingPathComponent("tiny.syim").path
        let train = try await Command.run(
            try Gateway.binary(), ["train", "--corpus", corpus.path, "--out", model, "--seed", "7"], timeout: 300)
        #expect(train.status == 0, "\(train.transcript)")
        #expect(fm.fileExists(atPath: model))

        let eval = try await Command.run(
            try Gateway.binary(), ["eval", "--corpus", corpus.path, "--model", model, "--json"], timeout: 300)
        #expect(eval.status == 0, "\(eval.transcript)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        for key in ["accuracy", "macro_f1", "per_label", "confusion", "abstained", "docs_per_second"] {
            #expect(json[key] != nil, "eval --json lacks \(key): \(eval.stdout.prefix(400))")
        }
        // Two topics with disjoint vocabularies: the model must separate what it was trained on.
        #expect((json["accuracy"] as? Double ?? 0) >= 0.9, "\(eval.stdout.prefix(600))")
        let perLabel = json["per_label"]
        let labels: Set<String> =
            if let dict = perLabel as? [String: Any] { Set(dict.keys) } else if let list = perLabel as? [[String: Any]] {
                Set(list.compactMap { $0["label"] as? String })
            } else { [] }
        #expect(labels.isSuperset(of: ["billing", "shipping"]), "\(String(describing: perLabel))")
    }
}
