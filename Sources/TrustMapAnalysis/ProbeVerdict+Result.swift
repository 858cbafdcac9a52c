public import TrustMapModel

extension ProbeVerdict {
    /// What a probe found: the probe's outcomes, plus `not-probed`.
    public typealias Status = ProbeOutcome

    /// One probe's result, as the prober reports it.
    public struct Observation: Hashable, Sendable, Codable {
        /// Which probe.
        public var key: ProbeKey
        /// What it found.
        public var status: Status
        /// Seconds it took.
        public var seconds: Double
        /// What happened, in a few words.
        public var detail: String
        /// Who answered (DnsHostName of a Netlogon reply, realm of a KRB-ERROR, SOA primary, NetBIOS name).
        public var responder: String?

        /// Creates an observation.
        public init(key: ProbeKey, status: Status, seconds: Double, detail: String, responder: String? = nil) {
            self.key = key
            self.status = status
            self.seconds = seconds
            self.detail = detail
            self.responder = responder
        }
    }

    /// A requirement with its result: one line of the report.
    public struct Row: Hashable, Sendable, Codable {
        /// The related domain.
        public var domain: DNSName
        /// The DC, or nil for a DNS server that is no DC of the plan.
        public var domainController: DNSName?
        /// The address probed (nil when none is known).
        public var address: String?
        /// The port (0 for a DC without an address).
        public var port: Int
        /// "tcp" or "udp" ("" for a DC without an address).
        public var transport: String
        /// What the port is for.
        public var service: String
        /// What was asked.
        public var check: String
        /// The zone, domain or realm asked about.
        public var subject: String?
        /// What was found.
        public var status: Status
        /// Seconds it took.
        public var seconds: Double
        /// What happened.
        public var detail: String
        /// Who answered.
        public var responder: String?

        /// `dc2.corp.example.test 127.0.0.12 445/tcp filtered`.
        public var endpoint: String {
            let host = domainController?.value ?? "DNS server"
            guard let address else { return "\(host) (no address)" }
            return "\(host) \(address) \(port)/\(transport)"
        }
    }

    /// The verdict for one related domain.
    public struct DomainVerdict: Hashable, Sendable, Codable {
        /// The domain.
        public var domain: DNSName
        /// True when every DC and DNS server of the domain answered on every required port.
        public var canEnable: Bool
        /// DCs of the domain in the plan.
        public var domainControllers: Int
        /// Probes made for the domain.
        public var probes: Int
        /// Probes answered (`open`).
        public var open: Int
        /// What blocks it.
        public var blocking: [Row]
        /// Things to know that do not block (a DC answering under another name, UDP that cannot be confirmed).
        public var warnings: [String]
    }
}
