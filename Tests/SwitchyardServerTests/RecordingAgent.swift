import SwitchyardSMTP
import Synchronization

/// A real in-memory DeliveryAgent: records what it was handed and answers per recipient with an
/// outcome the test chooses; optionally holds each delivery for a while (fsync stand-in).
final class RecordingAgent: DeliveryAgent {
    struct Delivery: Sendable {
        var envelope: Envelope
        var message: [UInt8]
        var text: String { String(decoding: message, as: UTF8.self) }
    }

    let known: Set<String>
    let holdFor: Duration
    let outcome: @Sendable (String) -> DeliveryOutcome
    private let state = Mutex<(deliveries: [Delivery], inFlight: Int, maxInFlight: Int)>(([], 0, 0))

    init(
        known: Set<String> = ["a@example.com", "b@example.com", "c@example.com"], holdFor: Duration = .zero,
        outcome: @escaping @Sendable (String) -> DeliveryOutcome = { _ in .delivered(detail: "Saved") }
    ) {
        self.known = known
        self.holdFor = holdFor
        self.outcome = outcome
    }

    var deliveries: [Delivery] { state.withLock { $0.deliveries } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func verify(recipient address: String) -> RecipientVerdict {
        known.contains(address) ? .accept : .reject(reason: "no such user")
    }

    func deliver(_ envelope: Envelope, message: [UInt8]) async -> [DeliveryOutcome] {
        state.withLock {
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        if holdFor > .zero { try? await Task.sleep(for: holdFor) }
        state.withLock {
            $0.inFlight -= 1
            $0.deliveries.append(Delivery(envelope: envelope, message: message))
        }
        return envelope.recipients.map { outcome($0.address) }
    }
}
