import NIOCore
import Synchronization

/// The open sessions of one server: enforces `maxConnections` and lets shutdown reach them all.
final class SessionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Registers the channel unless `limit` sessions are already open.
    func register(_ channel: any Channel, limit: Int) -> Bool {
        let added = channels.withLock { open -> Bool in
            guard open.count < limit else { return false }
            open[ObjectIdentifier(channel)] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { _ in
                self.channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return added
    }

    var openChannels: [any Channel] { channels.withLock { Array($0.values) } }
    var count: Int { channels.withLock { $0.count } }

    func broadcast(_ event: SMTPServerEvent) {
        for channel in openChannels { channel.pipeline.fireUserInboundEventTriggered(event) }
    }
}
