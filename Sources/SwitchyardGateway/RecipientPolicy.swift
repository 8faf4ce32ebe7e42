/// Which `RCPT TO` addresses the gateway takes mail for: listed domains and listed addresses,
/// compared without regard to case. With both lists empty every recipient is accepted (the MTA in
/// front has already decided which mail is ours).
public struct RecipientPolicy: Sendable, Equatable {
    public var domains: Set<String>
    public var addresses: Set<String>

    public init(domains: [String] = [], addresses: [String] = []) {
        self.domains = Set(domains.map { $0.lowercased() })
        self.addresses = Set(addresses.map { $0.lowercased() })
    }

    public var acceptsEverything: Bool { domains.isEmpty && addresses.isEmpty }

    /// nil when accepted, else the reason for 550 5.1.1.
    public func rejection(for address: String) -> String? {
        if acceptsEverything { return nil }
        var bare = address.lowercased()
        if bare.hasPrefix("<") && bare.hasSuffix(">") { bare = String(bare.dropFirst().dropLast()) }
        if addresses.contains(bare) { return nil }
        guard let at = bare.lastIndex(of: "@") else { return "no domain in recipient address" }
        let domain = String(bare[bare.index(after: at)...])
        return domains.contains(domain) ? nil : "\(domain) is not a domain this gateway accepts mail for"
    }
}
