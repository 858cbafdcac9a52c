public import TrustMapModel

extension ProbeVerdict {
    /// One thing the probe must check: a DC's port (or a DNS server's) and what to ask on it.
    public struct Requirement: Hashable, Sendable, Codable {
        /// The related domain that needs it.
        public var domain: DNSName
        /// The DC, or nil for a DNS server that is no DC of the plan.
        public var domainController: DNSName?
        /// The address to probe; nil when the plan knows none.
        public var address: String?
        /// The port.
        public var port: Int
        /// "tcp" or "udp".
        public var transport: String
        /// What the port is for (`Kerberos`, `SMB`).
        public var service: String
        /// What is asked: `tcp-connect`, `dns-soa`, `ldap-ping`, `kerberos`, `kpasswd`, `netbios-name`,
        /// `udp-silent`.
        public var check: String
        /// What the request names: the zone of an SOA query, the domain of an LDAP ping, the realm of a
        /// Kerberos request.
        public var subject: String?

        /// Creates a requirement.
        public init(
            domain: DNSName, domainController: DNSName?, address: String?, port: Int, transport: String,
            service: String, check: String, subject: String?
        ) {
            self.domain = domain
            self.domainController = domainController
            self.address = address
            self.port = port
            self.transport = transport
            self.service = service
            self.check = check
            self.subject = subject
        }

        /// The probe that answers it: the same key means the same probe.
        public var key: ProbeKey {
            ProbeKey(address: address ?? "", port: port, transport: transport, check: check, subject: subject)
        }
    }

    /// What identifies one probe: endpoint, check and subject.
    public struct ProbeKey: Hashable, Sendable, Codable, Comparable {
        /// The address.
        public var address: String
        /// The port.
        public var port: Int
        /// "tcp" or "udp".
        public var transport: String
        /// The check's word.
        public var check: String
        /// The zone, domain or realm asked about.
        public var subject: String?

        /// Creates a key.
        public init(address: String, port: Int, transport: String, check: String, subject: String?) {
            self.address = address
            self.port = port
            self.transport = transport
            self.check = check
            self.subject = subject
        }

        /// Ordered by address, port, transport, check and subject.
        public static func < (a: ProbeKey, b: ProbeKey) -> Bool {
            (a.address, a.port, a.transport, a.check, a.subject ?? "")
                < (b.address, b.port, b.transport, b.check, b.subject ?? "")
        }
    }

    /// The check for a port: DNS and Kerberos get a request of their protocol on both transports, CLDAP the LDAP
    /// ping, kpasswd over UDP a change-password request, the NetBIOS name service a node status query; other
    /// TCP ports a connect; other UDP ports can only be refused (`udp-silent`).
    public static func check(port: Int, transport: String, domain: DNSName) -> (check: String, subject: String?) {
        let realm = domain.value.uppercased()
        switch (port, transport) {
        case (53, _): return ("dns-soa", domain.value)
        case (88, _): return ("kerberos", realm)
        case (389, "udp"): return ("ldap-ping", domain.value)
        case (464, "udp"): return ("kpasswd", realm)
        case (137, "udp"): return ("netbios-name", nil)
        case (_, "udp"): return ("udp-silent", nil)
        default: return ("tcp-connect", nil)
        }
    }

    /// Everything to probe for `plan`: each port of each address of each DC of each related domain, and the SOA
    /// of each domain at each of its DNS servers over UDP and TCP. Port ranges (dynamic RPC) are not probed: see
    /// `notes(for:)`. A DC without an address gives one requirement with a nil address (it cannot be probed).
    public static func requirements(for plan: FollowTrustPlan) -> [Requirement] {
        var out: [Requirement] = []
        var seen: Set<Requirement> = []
        func add(_ r: Requirement) { if seen.insert(r).inserted { out.append(r) } }
        for d in plan.related {
            for dc in d.domainControllers {
                let ports = dc.ports.filter { $0.last == nil }
                if dc.addresses.isEmpty {
                    add(
                        Requirement(
                            domain: d.dnsName, domainController: dc.hostName, address: nil, port: 0, transport: "",
                            service: "address", check: "address", subject: nil))
                }
                for address in dc.addresses {
                    for p in ports {
                        let c = check(port: p.number, transport: p.transport, domain: d.dnsName)
                        add(
                            Requirement(
                                domain: d.dnsName, domainController: dc.hostName, address: address, port: p.number,
                                transport: p.transport, service: p.service, check: c.check, subject: c.subject))
                    }
                }
            }
            for text in d.dnsServers {
                let (server, port) = Self.serverAndPort(text)
                let dc = d.domainControllers.first { $0.addresses.contains(server) || $0.hostName.value == server }
                let address = dc.flatMap { $0.addresses.contains(server) ? server : $0.addresses.first } ?? server
                for transport in ["udp", "tcp"] {
                    add(
                        Requirement(
                            domain: d.dnsName, domainController: dc?.hostName, address: address, port: port,
                            transport: transport, service: "DNS", check: "dns-soa", subject: d.dnsName.value))
                }
            }
        }
        return out
    }

    /// Splits a DNS server as plans and snapshots write it (`IP`, `IPv4:PORT`, `[IPv6]:PORT`) into
    /// its address and port (53 when none is given).
    static func serverAndPort(_ text: String) -> (String, Int) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let address = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) {
                return (address, port)
            }
            return (address, 53)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port) { return (String(parts[0]), port) }
        return (text, 53)
    }

    /// What the probe does not check, in words: port ranges (dynamic RPC), and why.
    public static func notes(for plan: FollowTrustPlan) -> [String] {
        let ranges = Set(plan.related.flatMap { $0.domainControllers.flatMap(\.ports) }.filter { $0.last != nil })
        return ranges.sorted().map { p in
            "\(p) (\(p.service)) is not probed: a range cannot be probed exhaustively; 135/tcp (RPC endpoint "
                + "mapper) is probed instead, and a firewall must also let the dynamic range through"
        }
    }
}
