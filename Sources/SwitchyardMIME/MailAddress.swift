/// A mailbox from an address header: display name (RFC 2047-decoded) and addr-spec.
/// Either may be missing in broken mail ("To: Whomever", "From: <>").
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String?
    public var address: String?

    public init(name: String? = nil, address: String? = nil) {
        self.name = name
        self.address = address
    }

    /// The domain part of the address, lower-cased.
    public var domain: String? {
        guard let address, let at = address.lastIndex(of: "@") else { return nil }
        return address[address.index(after: at)...].lowercased()
    }

    public var description: String {
        switch (name, address) {
        case (let name?, let address?): return "\(name) <\(address)>"
        case (nil, let address?): return address
        case (let name?, nil): return name
        case (nil, nil): return ""
        }
    }
}

/// One entry of an address list: a mailbox or a named group of mailboxes (RFC 5322 §3.4).
public enum AddressEntry: Sendable, Hashable {
    case mailbox(MailAddress)
    case group(name: String, members: [MailAddress])
}

/// A parsed address header (From, To, Cc, Reply-To, Sender, ...).
public struct AddressList: Sendable, Hashable {
    public var entries: [AddressEntry]

    public init(_ entries: [AddressEntry] = []) {
        self.entries = entries
    }

    /// Every mailbox, with group members flattened in order.
    public var mailboxes: [MailAddress] {
        entries.flatMap { entry -> [MailAddress] in
            switch entry {
            case .mailbox(let mailbox): return [mailbox]
            case .group(_, let members): return members
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
