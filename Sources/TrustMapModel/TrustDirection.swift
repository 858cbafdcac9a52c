/// The `trustDirection` of a trustedDomain object (MS-ADTS 6.1.6.7.12), as seen from the domain
/// that holds the object.
public enum TrustDirection: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The trust is disabled.
    case disabled = 0
    /// The partner trusts this domain: this domain's users may authenticate in the partner.
    case inbound = 1
    /// This domain trusts the partner: the partner's users may authenticate here.
    case outbound = 2
    /// Both ways.
    case bidirectional = 3

    /// Decodes the attribute's integer value.
    public init(attribute value: Int) throws(ModelError) {
        guard let d = TrustDirection(rawValue: value) else {
            throw ModelError(.malformedValue, "trustDirection \(value) is not 0, 1, 2 or 3")
        }
        self = d
    }

    /// The same trust seen from the partner's side.
    public var reversed: TrustDirection {
        switch self {
        case .inbound: .outbound
        case .outbound: .inbound
        default: self
        }
    }

    /// True when the holding domain trusts the partner (outbound or bidirectional).
    public var trustsPartner: Bool { self == .outbound || self == .bidirectional }
    /// True when the partner trusts the holding domain (inbound or bidirectional).
    public var trustedByPartner: Bool { self == .inbound || self == .bidirectional }

    public var description: String {
        switch self {
        case .disabled: "disabled"
        case .inbound: "inbound"
        case .outbound: "outbound"
        case .bidirectional: "bidirectional"
        }
    }
}

/// The `trustType` of a trustedDomain object (MS-ADTS 6.1.6.7.15).
public enum TrustType: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1: a Windows NT 4.0 (downlevel) domain.
    case downlevel
    /// 2: an Active Directory (uplevel) domain.
    case uplevel
    /// 3: a non-Windows Kerberos realm.
    case mit
    /// 4: DCE (unused).
    case dce
    /// 5: Azure Active Directory.
    case aad
    /// Any other value, kept as it was read.
    case unknown(Int)

    /// Decodes the attribute's integer value.
    public init(attribute value: Int) {
        switch value {
        case 1: self = .downlevel
        case 2: self = .uplevel
        case 3: self = .mit
        case 4: self = .dce
        case 5: self = .aad
        default: self = .unknown(value)
        }
    }

    /// The attribute's integer value.
    public var rawValue: Int {
        switch self {
        case .downlevel: 1
        case .uplevel: 2
        case .mit: 3
        case .dce: 4
        case .aad: 5
        case .unknown(let v): v
        }
    }

    public var description: String {
        switch self {
        case .downlevel: "downlevel"
        case .uplevel: "uplevel"
        case .mit: "mit"
        case .dce: "dce"
        case .aad: "aad"
        case .unknown(let v): "unknown(\(v))"
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(attribute: try decoder.singleValueContainer().decode(Int.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
