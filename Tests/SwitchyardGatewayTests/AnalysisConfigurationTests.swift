import Foundation
import SwitchyardMIME
import SwitchyardSignals
import Testing

@testable import SwitchyardGateway

/// The `mime:` and `signals:` sections: every cap has a key, a default equal to the library's, and
/// a FILE:LINE refusal when it is wrong.
@Suite struct AnalysisConfigurationTests {
    func parse(_ text: String) throws(ConfigurationError) -> GatewayConfiguration {
        try GatewayConfiguration.parse(yaml: text, file: "test.yaml")
    }

    @Test func withoutTheSectionsTheLibraryDefaultsApply() throws {
        let config = try parse("")
        #expect(config.mime == ParserLimits.default)
        #expect(config.signals == SignalConfiguration())
    }

    @Test func everyMIMECapIsRead() throws {
        let config = try parse(
            """
            mime:
              max_header_bytes: 64K
              max_header_count: 200
              max_depth: 5
              max_parts: 50
              max_part_bytes: 1M
              max_message_bytes: 2M
              max_html_bytes: 100K
            """)
        #expect(
            config.mime
                == ParserLimits(
                    maxHeaderBytes: 65_536, maxHeaderCount: 200, maxDepth: 5, maxParts: 50,
                    maxPartBytes: 1_048_576,
                    maxMessageBytes: 2_097_152, maxHTMLBytes: 102_400))
    }

    @Test func everySignalSettingIsRead() throws {
        let config = try parse(
            """
            signals:
              language_minimum_letters: 20
              language_maximum_characters: 300
              language_minimum_confidence: 0.6
              sentiment_maximum_evidence: 3
              sentiment_neutral_threshold: 0.1
              anger_threshold: -0.7
              sentiment_maximum_bytes: 8K
              entity_maximum_bytes: 32K
              tracking_context_window: 40
              card_context_window: 12
              tagger: false
              tagger_languages: [en, nl]
              tagger_maximum_tokens: 100
              references:
                order: 'ORD-\\d{6}'
            """)
        var expected = SignalConfiguration()
        expected.languageMinimumLetters = 20
        expected.languageMaximumCharacters = 300
        expected.languageMinimumConfidence = 0.6
        expected.sentimentMaximumEvidence = 3
        expected.sentimentNeutralThreshold = 0.1
        expected.angerThreshold = -0.7
        expected.sentimentMaximumBytes = 8192
        expected.entityMaximumBytes = 32768
        expected.trackingContextWindow = 40
        expected.cardContextWindow = 12
        expected.taggerEnabled = false
        expected.taggerLanguages = ["en", "nl"]
        expected.taggerMaximumTokens = 100
        expected.references = ["order": #"ORD-\d{6}"#]
        #expect(config.signals == expected)
    }

    @Test func theExampleFileShowsTheDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        let config = try GatewayConfiguration.load(
            file: root.appendingPathComponent("contrib/example/switchyard.yaml").path)
        #expect(config.mime == ParserLimits.default)
        var signals = config.signals
        #expect(signals.references["order"] == #"ORD-\d{6}"#, "the example's reference patterns")
        signals.references = [:]
        #expect(signals == SignalConfiguration())
    }

    static let refusals: [(yaml: String, message: String)] = [
        ("mime:\n  max_parts: 1\n", "test.yaml:2: mime.max_parts: must be at least 2, got 1"),
        ("mime:\n  max_depht: 3\n", "test.yaml:2: unknown key 'mime.max_depht'"),
        ("mime:\n  max_header_bytes: lots\n", "test.yaml:2: mime.max_header_bytes: expected a size"),
        (
            "mime:\n  max_part_bytes: 10M\n  max_message_bytes: 1M\n",
            "test.yaml:2: mime.max_part_bytes: must not exceed mime.max_message_bytes"
        ),
        (
            "signals:\n  anger_threshold: 0.5\n",
            "test.yaml:2: signals.anger_threshold: must be between -1.0 and 0.0"
        ),
        (
            "signals:\n  language_minimum_confidence: high\n",
            "test.yaml:2: signals.language_minimum_confidence: expected a number"
        ),
        ("signals:\n  tagger: sometimes\n", "test.yaml:2: signals.tagger: expected true or false"),
        (
            "signals:\n  references:\n    order: 'ORD-(\\d'\n",
            "test.yaml:3: signals.references.order: 'ORD-(\\d' is not a valid pattern"
        ),
        ("signals:\n  references: [ORD-1]\n", "test.yaml:2: signals.references: expected a mapping"),
        (
            "signals:\n  sentiment_max_bytes: 1K\n",
            "test.yaml:2: unknown key 'signals.sentiment_max_bytes'"
        ),
    ]

    @Test(arguments: refusals)
    func errorsNameTheFileAndTheLine(_ bad: (yaml: String, message: String)) {
        var message: String?
        do throws(ConfigurationError) {
            _ = try parse(bad.yaml)
        } catch {
            message = error.description
        }
        #expect(message?.hasPrefix(bad.message) == true, "got \(message ?? "no error")")
    }
}
