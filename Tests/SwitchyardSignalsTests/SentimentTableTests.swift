import SwitchyardText
import Testing

@testable import SwitchyardSignals

/// The byte-keyed table that sentiment looks tokens up in must answer exactly what the `String`
/// dictionaries it replaces answered.
@Suite struct SentimentTableTests {
    /// Byte equality stands in for `String` equality only because lexicon keys are already in the
    /// tokenizer's normal form (NFC, folded): a key that normalisation would change could match a
    /// token by canonical equivalence and not by bytes.
    @Test func shippedLexiconKeysAreNormalised() throws {
        let models = try #require(TestModels.shared)
        let tokenizer = Tokenizer()
        for lexicon in [models.englishLexicon, models.germanLexicon] {
            let changed = lexicon.entries.keys.filter { tokenizer.normalize($0) != $0 }
            #expect(changed.isEmpty, "\(changed.prefix(5))")
        }
    }

    @Test func everyLexiconWordAndRuleWordIsFound() throws {
        let models = try #require(TestModels.shared)
        let tokenizer = Tokenizer()
        for (lexicon, rules) in [(models.englishLexicon, SentimentRules.english), (models.germanLexicon, .german)] {
            let roles = rules.roleTable(tokenizer)
            let table = SentimentTable(lexicon: lexicon, roles: roles, angryEmoticons: Emoticons.angry)
            var missing: [String] = []
            for (word, entry) in lexicon.entries {
                let found = Array(word.utf8).withUnsafeBufferPointer { table.facts($0) }
                if found?.entry?.valence != entry.valence || found?.entry?.isVerb != entry.isVerb { missing.append(word) }
            }
            for (word, role) in roles {
                let found = Array(word.utf8).withUnsafeBufferPointer { table.facts($0) }
                if found?.role.negation != role.negation || found?.role.booster != role.booster
                    || found?.role.contrast != role.contrast || found?.role.anger != role.anger
                    || found?.role.trailingNegation != role.trailingNegation
                {
                    missing.append(word)
                }
            }
            for text in Emoticons.angry where Array(text.utf8).withUnsafeBufferPointer({ table.facts($0) })?
                .angryEmoticon != true
            {
                missing.append(text)
            }
            #expect(missing.isEmpty, "\(missing.prefix(5))")
            // Words in no table, including prefixes and extensions of listed ones, are not found.
            for absent in ["", "zzzzqx", "happ", "happyy", "nicht!", "<num>x"] {
                #expect(Array(absent.utf8).withUnsafeBufferPointer { table.facts($0) } == nil, "\(absent)")
            }
        }
    }

    @Test func wordAtATimeByteCountMatchesAPlainCount() {
        // Every length and alignment up to 40 bytes, with the bytes next to their neighbours (0x20,
        // 0x22, 0x3E, 0xA1) and at the ends of each eight-byte word; then long texts, all marks or
        // mixed.
        let alphabet: [UInt8] = [0x21, 0x3F, 0x20, 0x22, 0x3E, 0xA1, 0x00, 0xFF, 0x61]
        var generator = SystemRandomNumberGenerator()
        var inputs: [[UInt8]] = []
        for length in 0...40 {
            for _ in 0..<50 { inputs.append((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }) }
        }
        for length in [4079, 4080, 4081, 4096, 8161, 9000] {
            inputs.append([UInt8](repeating: 0x21, count: length))
            inputs.append([UInt8](repeating: 0x3F, count: length))
            inputs.append((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 })
        }
        for bytes in inputs {
            let (exclamations, questions) = bytes.withUnsafeBufferPointer {
                SentimentAnalyzer.countExclamationsAndQuestions(in: $0)
            }
            #expect(exclamations == bytes.filter { $0 == 0x21 }.count, "\(bytes.prefix(40))")
            #expect(questions == bytes.filter { $0 == 0x3F }.count, "\(bytes.prefix(40))")
        }
    }

    @Test func sharedTokensAndScannedBytesScoreAlike() throws {
        // With the name tagger the analyzer hands sentiment the tagger's tokens; without it,
        // sentiment scans the bytes itself. Both must give the same sentiment.
        let a = try SentimentAnalyzer(
            english: #require(TestModels.shared).englishLexicon, german: #require(TestModels.shared).germanLexicon)
        let texts = [
            "I am NOT happy :-( with the refund of $12.50, but the support was great!!",
            "Das ist eine Frechheit!!! Keine Antwort seit Tagen, aber danke für nichts 😡",
            "Straße, GRÜSSE und Müller: sehr gut, nicht schlecht. €12,50 gehen an anna@example.com",
        ]
        for text in texts {
            for language in ["en", "de"] {
                let tokens = Tokenizer().tokens(in: text)
                let shared = a.analyze(tokens: tokens, bytes: Array(text.utf8), language: language)
                #expect(shared == a.analyze(text, language: language), "\(text)")
            }
        }
    }
}
