import Foundation
import TrustMapAnalysis
import TrustMapClients
import TrustMapModel

/// `trustmap kerberos-check --user USER@REALM --target HOST`: a real TGT and service ticket through referrals,
/// the realms traversed and the enctype of each ticket, compared with `trustmap path` on a snapshot.
public struct KerberosCheckCommand: Command {
    public static let name = "kerberos-check"
    public static let summary = "Gets a real service ticket for a host across trusts and compares with the path."
    public static let discussion = """
        Through libkrb5: a TGT for --user (password from a prompt, --password-file or --password-env; or \
        --keytab; or, without --user, the current credential cache), then a ticket for SERVICE/HOST asked \
        without a realm, so the user's KDC answers with referrals across the trusts. Prints the realms \
        traversed (from the cross-realm tickets) and the encryption type of each ticket. Every Kerberos error \
        is shown with its name and meaning (KDC_ERR_POLICY: a refusal by policy such as selective \
        authentication; KDC_ERR_S_PRINCIPAL_UNKNOWN: no path to the service's realm, or no such SPN).

        The realm the ticket must come from is --realm, else the snapshot's domain of the host, else the \
        host's DNS domain. A ticket issued by another realm is a failure: a KDC may match an unknown \
        service/host by its first label to one of its own accounts (Samba does); then the ticket is asked \
        again as SERVICE/HOST@REALM and that answer counts. With --snapshot, the result is compared with \
        `trustmap path` from the user's domain to the host's: a path and a ticket, or neither, and the same \
        realms.

        Exit status: 0 a ticket from the right realm (and agreement with the path when --snapshot is given); \
        1 no ticket, or a disagreement with the path; 69 no KDC answered; 77 credentials refused.
        """
    public static let options: [OptionSpec] =
        CredentialOptions.options + [
            .value("target", valueName: "HOST", help: "Fully qualified name of the host to get a ticket for."),
            .value("service", valueName: "SERVICE", help: "The service part of the SPN.", default: "cifs"),
            .value("realm", valueName: "REALM", help: "The realm the ticket must come from (default: see above)."),
            .value("snapshot", valueName: "FILE", help: "Compare with `trustmap path` on this snapshot."),
            .value(
                "timeout", valueName: "SECONDS", help: "Give up on a Kerberos exchange after this long.",
                default: "15"),
        ]
    public static let examples = [
        CommandExample(
            "trustmap kerberos-check --user alice@CORP.EXAMPLE.TEST --password-file pw"
                + " --target dc1.partner.example.test",
            "A CIFS ticket for a PARTNER host as a CORP user."),
        CommandExample(
            "trustmap kerberos-check --keytab alice.keytab --user alice@CORP.EXAMPLE.TEST"
                + " --target h.partner.example.test --snapshot snap.json --json",
            "The same with a keytab, compared with the snapshot's path, as JSON."),
    ]

    /// One ticket request.
    struct Attempt: Codable, Equatable {
        /// The SPN asked for.
        var spn: String
        /// True when a ticket came back.
        var ticket: Bool
        /// The service principal as issued.
        var issued: String?
        /// The realm that issued it.
        var realm: String?
        /// The realms traversed, client realm first.
        var realmsTraversed: [String]?
        /// The realm of each KDC reply, refusals included.
        var realmsAsked: [String]?
        /// Each ticket on the way: cross-realm TGTs then the service ticket.
        var tickets: [Ticket]?
        /// The error, when no ticket came back.
        var error: ErrorInfo?
        /// Why this answer does not count (a ticket from another realm).
        var problem: String?
    }

    /// A ticket and its encryption types (nil for a referral TGT that libkrb5 did not keep in the cache).
    struct Ticket: Codable, Equatable {
        var server: String
        var ticketEnctype: String?
        var sessionKeyEnctype: String?
    }

    /// A Kerberos error with its name and meaning.
    struct ErrorInfo: Codable, Equatable {
        var code: Int32
        var name: String
        var meaning: String?
        var message: String
    }

    /// What `trustmap path` says.
    struct PathInfo: Codable, Equatable {
        var found: Bool
        var realms: [String]
        var rule: String
        var reason: String
    }

    /// The JSON document.
    struct Report: Codable, Equatable {
        var user: String
        var target: String
        var service: String
        var expectedRealm: String
        var expectedRealmFrom: String
        var attempts: [Attempt]
        var ticket: Bool
        var realmsTraversed: [String]?
        var path: PathInfo?
        var agreesWithPath: Bool?
        var differences: [String]
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let host = try PathCommand.domainOption(arguments, "target", command: name)
        let service = arguments.value("service") ?? "cifs"
        guard !service.isEmpty, !service.contains("/"), !service.contains("@") else {
            throw CLIError.usage("--service takes a service name such as cifs or host, not '\(service)'", command: name)
        }
        let timeout = try DiscoverCommand.seconds(arguments, "timeout", default: 15)
        let snapshot = try arguments.value("snapshot").map { path throws(CLIError) in try SnapshotFile.read(path) }
        let creds = try await CredentialOptions.kerberos(arguments, context: context, command: name)
        let (expected, source) = expectedRealm(host: host, arguments: arguments, snapshot: snapshot)

        var attempts: [Attempt] = []
        let spn = "\(service)/\(host.value)"
        var attempt = await request(spn, creds: creds, timeout: timeout)
        if attempt.ticket, let realm = attempt.realm, realm.uppercased() != expected {
            attempt.problem =
                "the ticket was issued by \(realm), not by \(expected) (\(source)): the KDC matched \(spn) to "
                + "another principal (Samba's KDC matches an unknown host by its first label to its own accounts)"
            attempts.append(attempt)
            attempt = await request("\(spn)@\(expected)", creds: creds, timeout: timeout)
            if attempt.ticket, let realm = attempt.realm, realm.uppercased() != expected {
                attempt.problem = "the ticket was issued by \(realm), not by \(expected)"
            }
        }
        attempts.append(attempt)
        let final = attempts[attempts.count - 1]
        let ticket = final.ticket && final.problem == nil

        var report = Report(
            user: creds.principal, target: host.value, service: service, expectedRealm: expected,
            expectedRealmFrom: source, attempts: attempts, ticket: ticket,
            realmsTraversed: ticket ? final.realmsTraversed : nil, path: nil, agreesWithPath: nil, differences: [])
        if let snapshot { compare(&report, snapshot: snapshot, clientRealm: creds.realm) }

        if context.json {
            try context.output.json(report)
        } else {
            write(report, to: context.output)
        }
        if let error = final.error, !ticket {
            if error.code == -1 || ["KRB5_KDC_UNREACH", "KRB5_REALM_CANT_RESOLVE"].contains(error.name) {
                return .unavailable
            }
        }
        return ticket && report.agreesWithPath != false ? .success : .negative
    }

    /// The realm the ticket must come from, and where that came from.
    static func expectedRealm(host: DNSName, arguments: ParsedArguments, snapshot: Snapshot?) -> (String, String) {
        if let realm = arguments.value("realm") { return (realm.uppercased(), "--realm") }
        if let snapshot {
            let domains = snapshot.domains
            if let d = domains.first(where: { d in d.domainControllers.contains { $0.hostName == host } }) {
                return (d.dnsName.value.uppercased(), "the snapshot: a DC of \(d.dnsName)")
            }
            let suffix = domains.map(\.dnsName).filter { host.value.hasSuffix("." + $0.value) }
                .max { $0.value.count < $1.value.count }
            if let suffix { return (suffix.value.uppercased(), "the snapshot: a host under \(suffix)") }
        }
        let parent = host.value.split(separator: ".").dropFirst().joined(separator: ".")
        return ((parent.isEmpty ? host.value : parent).uppercased(), "the host's DNS domain")
    }

    /// Asks for one service ticket and reads the tickets the cache holds afterwards.
    static func request(_ spn: String, creds: KerberosCredentials, timeout: Double) async -> Attempt {
        do {
            let t = try await creds.serviceTicket(for: spn, timeout: timeout)
            let cached = await creds.cachedTickets()
            var tickets: [Ticket] = []
            let path = t.realmsTraversed
            for (a, b) in zip(path, path.dropFirst()) {
                if let tgt = cached.first(where: {
                    $0.components == ["krbtgt", b] && $0.issuingRealm.caseInsensitiveCompare(a) == .orderedSame
                }) {
                    tickets.append(
                        Ticket(
                            server: tgt.server, ticketEnctype: tgt.ticketEncryptionType?.description,
                            sessionKeyEnctype: tgt.sessionKeyEncryptionType.description))
                } else {
                    tickets.append(Ticket(server: "krbtgt/\(b)@\(a)", ticketEnctype: nil, sessionKeyEnctype: nil))
                }
            }
            tickets.append(
                Ticket(
                    server: t.service, ticketEnctype: t.ticketEncryptionType.description,
                    sessionKeyEnctype: t.sessionKeyEncryptionType.description))
            return Attempt(
                spn: spn, ticket: true, issued: t.service, realm: t.realm, realmsTraversed: t.realmsTraversed,
                realmsAsked: t.realmsAsked, tickets: tickets, error: nil, problem: nil)
        } catch {
            return Attempt(
                spn: spn, ticket: false, issued: nil, realm: nil, realmsTraversed: nil, realmsAsked: nil, tickets: nil,
                error: ErrorInfo(code: error.code, name: error.name, meaning: error.meaning, message: error.message),
                problem: nil)
        }
    }

    /// Compares the outcome with `ReferralPath` on the snapshot.
    static func compare(_ report: inout Report, snapshot: Snapshot, clientRealm: String) {
        let graph = TrustGraph(snapshot: snapshot)
        guard let from = try? DNSName(parsing: clientRealm.lowercased()),
            let to = try? DNSName(parsing: report.expectedRealm.lowercased())
        else {
            report.differences.append("the realms \(clientRealm) and \(report.expectedRealm) are not DNS names")
            report.agreesWithPath = false
            return
        }
        let path = ReferralPath.find(in: graph, from: from, to: to)
        report.path = PathInfo(
            found: path.found, realms: path.realms.map { $0.value.uppercased() }, rule: path.rule.rawValue,
            reason: path.reason)
        if path.found && !report.ticket {
            report.differences.append(
                "trustmap path finds \(from) -> \(to) (\(path.rule.rawValue)), but no ticket was issued")
        } else if !path.found && report.ticket {
            report.differences.append(
                "trustmap path finds no path (\(path.rule.rawValue)), but a ticket was issued")
        } else if path.found, let realms = report.realmsTraversed {
            let expected = path.realms.map { $0.value.uppercased() }
            if realms.map({ $0.uppercased() }) != expected {
                report.differences.append(
                    "realms traversed \(realms.joined(separator: " -> ")) differ from the path "
                        + expected.joined(separator: " -> "))
            }
        }
        report.agreesWithPath = report.differences.isEmpty
    }

    static func write(_ r: Report, to out: Output) {
        out.line(
            "\(r.user) -> \(r.service)/\(r.target) (realm \(r.expectedRealm), from \(r.expectedRealmFrom)): "
                + (r.ticket ? "ticket issued" : "NO TICKET"))
        for a in r.attempts {
            out.line()
            out.line("  asked \(a.spn):")
            if a.ticket {
                out.line("    issued \(a.issued ?? "?") by \(a.realm ?? "?")")
                out.line("    realms traversed: \((a.realmsTraversed ?? []).joined(separator: " -> "))")
                if let asked = a.realmsAsked, !asked.isEmpty {
                    out.line("    KDC replies from: \(asked.joined(separator: ", "))")
                }
                for t in a.tickets ?? [] {
                    if let session = t.sessionKeyEnctype {
                        out.line("    ticket \(t.server): \(t.ticketEnctype ?? "?") (session key \(session))")
                    } else {
                        out.line(
                            "    ticket \(t.server): a referral TGT, not kept in the credential cache: enctype unknown")
                    }
                }
            }
            if let e = a.error {
                out.line("    error \(e.name) (\(e.code)): \(e.meaning ?? "no description")")
                if !e.message.isEmpty { out.line("    libkrb5: \(e.message)") }
            }
            if let p = a.problem { out.line("    FAILURE: \(p)") }
        }
        if let p = r.path {
            out.line()
            out.line(
                "trustmap path: " + (p.found ? p.realms.joined(separator: " -> ") : "no path")
                    + " (\(p.rule)): \(p.reason)")
            out.line(r.agreesWithPath == true ? "agrees with the path" : "DISAGREES with the path:")
            for d in r.differences { out.line("  \(d)") }
        }
    }
}
