/// Chooses the entity tagger's epochs and O bias without looking at the dev set: trains on four
/// fifths of the training sentences and scores the held-out fifth after every epoch, for every bias.
public enum TaggerSelection {
    /// The chosen settings and the held-out entity-level scores they reached.
    public struct Choice: Sendable {
        public var epochs: Int
        public var outsideBias: Float
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    /// Every fifth sentence (index % 5 == 4) is held out; ties keep the earlier epoch and smaller shift.
    public static func choose(
        _ sentences: [TaggedSentence], trainer: TaggerTrainer, biases: [Float], report: (String) -> Void = { _ in }
    ) -> Choice {
        let heldOut = sentences.indices.filter { $0 % 5 == 4 }.map { sentences[$0] }
        let rest = sentences.indices.filter { $0 % 5 != 4 }.map { sentences[$0] }
        var best = Choice(epochs: 1, outsideBias: 0, precision: 0, recall: 0, f1: -1)
        _ = trainer.train(rest) { epoch, model in
            var line = "epoch \(epoch) held-out F1"
            for bias in biases {
                let (p, r, f) = TaggerTrainer.evaluate(model.shiftingOutside(by: bias), heldOut)
                line += " [\(bias)] \(rounded(f)) (P \(rounded(p)) R \(rounded(r)))"
                if f > best.f1 { best = Choice(epochs: epoch, outsideBias: bias, precision: p, recall: r, f1: f) }
            }
            report(line)
        }
        return best
    }

    static func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
}
