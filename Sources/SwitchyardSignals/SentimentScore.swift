/// The rules applied to one word's valence, in the order they were applied, without a `String`
/// until the word is reported as evidence (most contributions of a long text never are).
struct AppliedRules: Equatable {
    enum Rule: UInt8, CaseIterable {
        case emoji, emoticon, caps, boosted, dampened, negated, beforeContrast, afterContrast

        var name: String {
            switch self {
            case .emoji: "emoji"
            case .emoticon: "emoticon"
            case .caps: "caps"
            case .boosted: "boosted"
            case .dampened: "dampened"
            case .negated: "negated"
            case .beforeContrast: "before-contrast"
            case .afterContrast: "after-contrast"
            }
        }
    }

    /// Four bits per rule, the first rule lowest; at most caps, three boosters, negated and a
    /// contrast (six) are ever applied, and sixteen fit.
    private var packed: UInt64 = 0
    private(set) var count = 0

    init(_ rules: Rule...) {
        for rule in rules { append(rule) }
    }

    mutating func append(_ rule: Rule) {
        precondition(count < 16, "more sentiment rules than AppliedRules holds")
        packed |= UInt64(rule.rawValue) << (4 * count)
        count += 1
    }

    func contains(_ rule: Rule) -> Bool {
        (0..<count).contains { packed >> (4 * $0) & 0xF == UInt64(rule.rawValue) }
    }

    var names: [String] {
        (0..<count).map { Rule(rawValue: UInt8(truncatingIfNeeded: packed >> (4 * $0) & 0xF))?.name ?? "" }
    }
}

/// One word's final contribution before it becomes `SentimentEvidence`.
struct SentimentContribution {
    /// Index of the word in its `SentimentTokens`.
    var token: Int
    var contribution: Double
    var rules: AppliedRules
}

extension SentimentAnalyzer {
    func score(_ sentimentTokens: SentimentTokens, _ table: SentimentTable, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Sentiment
    {
        let tokens = sentimentTokens.tokens
        var words = 0
        var shoutedWords = 0
        var angerWord = false
        for token in tokens {
            if !token.isSymbol { words += 1 }
            if token.flags.contains(.shouted) { shoutedWords += 1 }
            if token.flags.contains(.anger) { angerWord = true }
        }
        // Caps are emphasis only when the rest of the text is not shouted too (VADER's cap differential).
        let capsMatter = shoutedWords > 0 && shoutedWords < words
        var contributions = contributions(sentimentTokens, table, capsMatter: capsMatter)
        var sum = contributions.reduce(0) { $0 + $1.contribution }
        // Every byte counts (a "!" inside a URL too).
        let (exclamations, questions) = Self.countExclamationsAndQuestions(in: bytes)
        var emphasis = Double(min(exclamations, 4)) * 0.292
        if questions > 1 { emphasis += min(Double(questions) * 0.18, 0.96) }
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let score = max(-1, min(1, sum / Math.sqrt(sum * sum + alpha)))
        let label: SentimentLabel =
            score >= neutralThreshold ? .positive : score <= -neutralThreshold ? .negative : .neutral
        let emphatic =
            exclamations >= 2 || angerWord || contributions.contains { $0.contribution < 0 && $0.rules.contains(.caps) }
        contributions.sort { abs($0.contribution) > abs($1.contribution) }
        let evidence = contributions.prefix(maximumEvidence).map { item in
            let token = tokens[item.token]
            let text =
                token.isSymbol
                ? sentimentTokens.symbols[Int(token.symbol)].text
                : String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
            return SentimentEvidence(text: text, contribution: item.contribution, rules: item.rules.names)
        }
        return Sentiment(
            score: (score * 10_000).rounded() / 10_000, label: label, evidence: evidence,
            anger: score <= angerThreshold && emphatic)
    }

    /// How many bytes of `bytes` are "!" and how many "?", eight at a time: a byte of `x` is zero
    /// exactly when the high bit of `~(((x & 0x7F..) + 0x7F..) | x)` is set in it (no carry crosses
    /// bytes). Most words hold neither mark and cost one test; x86-64's baseline has no popcount,
    /// so marks are summed by a multiply that adds all eight bytes into the top one.
    static func countExclamationsAndQuestions(in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = ones &* 0x7F
        let high = ones &* 0x80
        @inline(__always) func zeroMarks(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x) & high }
        @inline(__always) func marks(_ zero: UInt64) -> Int { Int(truncatingIfNeeded: ((zero >> 7) &* ones) >> 56) }
        var exclamations = 0
        var questions = 0
        var k = 0
        let n = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while k + 8 <= n {
                let x = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let exclamation = zeroMarks(x ^ (ones &* 0x21))
                let question = zeroMarks(x ^ (ones &* 0x3F))
                if exclamation | question != 0 {
                    exclamations += marks(exclamation)
                    questions += marks(question)
                }
                k += 8
            }
        }
        while k < n {
            if bytes[k] == 0x21 { exclamations += 1 } else if bytes[k] == 0x3F { questions += 1 }
            k += 1
        }
        return (exclamations, questions)
    }

    /// Every contributing word with its final contribution, in text order.
    private func contributions(_ sentimentTokens: SentimentTokens, _ table: SentimentTable, capsMatter: Bool)
        -> [SentimentContribution]
    {
        let tokens = sentimentTokens.tokens
        var found: [SentimentContribution] = []
        var sentenceStart = 0
        var contrastAt: Int?
        var pending: [SentimentContribution] = []
        func flushSentence() {
            for item in pending {
                var valence = item.contribution
                var applied = item.rules
                if let contrastAt {
                    if item.token < contrastAt {
                        valence *= 0.5
                        applied.append(.beforeContrast)
                    } else {
                        valence *= 1.5
                        applied.append(.afterContrast)
                    }
                }
                let rounded = (valence * 1000).rounded() / 1000
                found.append(SentimentContribution(token: item.token, contribution: rounded, rules: applied))
            }
            pending.removeAll(keepingCapacity: true)
            contrastAt = nil
        }
        for index in tokens.indices {
            let token = tokens[index]
            if token.flags.contains(.contrast), contrastAt == nil, index > sentenceStart { contrastAt = index }
            if let item = valence(of: token, at: index, sentimentTokens, table, capsMatter: capsMatter) {
                pending.append(item)
            }
            if token.flags.contains(.endsSentence) {
                flushSentence()
                sentenceStart = index + 1
            }
        }
        flushSentence()
        return found
    }

    /// The valence of the token at `index` after caps, boosters and negation (contrast comes per
    /// sentence), nil when it carries none.
    private func valence(
        of token: SentimentToken, at index: Int, _ sentimentTokens: SentimentTokens, _ table: SentimentTable,
        capsMatter: Bool
    ) -> SentimentContribution? {
        if token.isSymbol {
            let symbol = sentimentTokens.symbols[Int(token.symbol)]
            if let value = Emoticons.valences[symbol.text] {
                return SentimentContribution(token: index, contribution: value, rules: AppliedRules(.emoji))
            }
            return symbol.entry.map {
                SentimentContribution(token: index, contribution: Double($0.valence), rules: AppliedRules(.emoticon))
            }
        }
        guard token.facts >= 0, !token.flags.contains(.booster), !token.flags.contains(.negation),
            let entry = table.facts(at: Int(token.facts)).entry
        else { return nil }
        let tokens = sentimentTokens.tokens
        var valence = Double(entry.valence)
        var applied = AppliedRules()
        if capsMatter, token.flags.contains(.shouted) {
            valence += valence > 0 ? SentimentRules.capsIncrement : -SentimentRules.capsIncrement
            applied.append(.caps)
        }
        var negated = false
        var distance = 1
        while distance <= 3, index - distance >= 0 {
            let previous = tokens[index - distance]
            if previous.flags.contains(.endsClause) { break }
            if previous.flags.contains(.booster) {
                let step = table.facts(at: Int(previous.facts)).role.booster
                var scalar = step * (distance == 1 ? 1.0 : distance == 2 ? 0.95 : 0.9)
                if capsMatter, previous.flags.contains(.shouted) {
                    scalar += step > 0 ? SentimentRules.capsIncrement : 0
                }
                valence += valence > 0 ? scalar : -scalar
                applied.append(step > 0 ? .boosted : .dampened)
            }
            if previous.flags.contains(.negation) { negated = true }
            distance += 1
        }
        if entry.isVerb, !token.flags.contains(.endsClause) {
            var ahead = index + 1
            while ahead < tokens.count, ahead - index <= 3 {
                if tokens[ahead].flags.contains(.trailingNegation) { negated = true }
                if tokens[ahead].flags.contains(.endsClause) { break }
                ahead += 1
            }
        }
        if negated {
            valence *= SentimentRules.negationScalar
            applied.append(.negated)
        }
        return SentimentContribution(token: index, contribution: valence, rules: applied)
    }
}
