/// One training or evaluation example: a message's subject and new body text with its label.
/// Quoted replies and signatures should already be removed from `body` (the MIME stage does).
public struct LabeledExample: Sendable, Hashable {
    public var subject: String
    public var body: String
    public var label: String

    public init(subject: String = "", body: String, label: String) {
        self.subject = subject
        self.body = body
        self.label = label
    }
}
