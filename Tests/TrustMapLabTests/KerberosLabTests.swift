import Foundation
import Testing
import TrustMapClients

/// Helpers for the Kerberos and LDAP lab tests: lab.json facts, secrets, and running the MIT
/// and OpenLDAP command-line tools (inside the namespace) as the reference.
enum KrbLab {
    /// lab.json, as written by tools/adlab.
    static var info: [String: Any] {
        guard let dir = Lab.directory, let data = FileManager.default.contents(atPath: dir + "/lab.json"),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return json
    }

    /// The CA file that signed a DC's certificate, as lab.json names it (falls back to `Lab.caFile`).
    static func caFile(_ host: String) -> String {
        let dcs = info["dcs"] as? [[String: Any]] ?? []
        if let dc = dcs.first(where: { ($0["name"] as? String) == host }), let ca = dc["caFile"] as? String {
            return ca
        }
        return Lab.caFile(Lab.dc(host))
    }

    /// A password from the lab's secrets (trailing newline removed), e.g. `password("corp", "alice")`.
    static func password(_ domain: String, _ user: String) throws -> Secret {
        let text = try Lab.password(domain, user)
        return Secret(text.trimmingCharacters(in: .newlines))
    }

    /// Runs a command with `input` on its standard input (how passwords reach kinit: never argv).
    static func run(_ argv: [String], input: Data = Data(), environment: [String: String] = [:]) throws
        -> (status: Int32, out: String, err: String)
    {
        try Lab.run(argv, input: input, environment: environment)
    }

    /// A kinit'ed FILE cache in a fresh private directory; `body` gets its KRB5CCNAME value.
    static func withKinit<R>(_ principal: String, passwordFile: String, _ body: (String) throws -> R) throws -> R {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trustmap-kinit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = "FILE:" + dir.appendingPathComponent("cc").path
        let password = try Data(contentsOf: URL(fileURLWithPath: passwordFile))
        let kinit = try run(["kinit", principal], input: password, environment: ["KRB5CCNAME": cache])
        guard kinit.status == 0 else { throw KrbLabError.tool("kinit \(principal): \(kinit.err)") }
        return try body(cache)
    }

    /// `klist -e` entries: service principal -> (ticket server, session enctype, ticket enctype).
    static func klistEntries(_ cache: String) throws -> [String: (server: String, skey: String, tkt: String)] {
        let r = try run(["klist", "-e"], environment: ["KRB5CCNAME": cache])
        var result: [String: (server: String, skey: String, tkt: String)] = [:]
        var current: String?
        for line in r.out.split(separator: "\n").map(String.init) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if fields.count >= 5, fields[4].contains("@"), !line.hasPrefix("\t"), !line.hasPrefix(" ") {
                current = fields[4]
                result[fields[4]] = (fields[4], "", "")
            } else if let c = current, let range = line.range(of: "Etype (skey, tkt): ") {
                let parts = line[range.upperBound...].split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if parts.count == 2 { result[c] = (result[c]!.server, parts[0], parts[1]) }
            } else if let c = current, let range = line.range(of: "Ticket server: ") {
                result[c] = (
                    String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces), result[c]!.skey,
                    result[c]!.tkt
                )
            }
        }
        return result
    }

    /// Names in /tmp that look like credential caches (krb5cc*, tkt*).
    static func credentialFilesInTmp() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        return Set(names.filter { $0.hasPrefix("krb5cc") || $0.hasPrefix("tkt") })
    }
}

enum KrbLabError: Error { case tool(String) }

@Suite(.enabled(if: Lab.isAvailable), .serialized)
struct KerberosLabTests {
    let alice = "alice@CORP.EXAMPLE.TEST"

    @Test func passwordTGTGoesToAMemoryCacheOnly() async throws {
        #expect(ProcessInfo.processInfo.environment["KRB5CCNAME"] == nil, "lab tests must run without KRB5CCNAME")
        let before = KrbLab.credentialFilesInTmp()
        let creds = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        #expect(creds.principal == alice)
        #expect(creds.realm == "CORP.EXAMPLE.TEST")
        #expect(creds.cacheName.hasPrefix("MEMORY:trustmap-"))
        #expect(creds.expiresAt > Date())
        let ticket = try await creds.serviceTicket(for: "ldap/dc1.corp.example.test")
        #expect(ticket.realm == "CORP.EXAMPLE.TEST")
        #expect(ticket.realmsTraversed == ["CORP.EXAMPLE.TEST"])
        #expect(KrbLab.credentialFilesInTmp().subtracting(before).isEmpty, "a credential file appeared in /tmp")
        #expect(ProcessInfo.processInfo.environment["KRB5CCNAME"] == nil)
        // Two objects never share a cache.
        let other = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        #expect(other.cacheName != creds.cacheName)
    }

    @Test func keytabTGT() async throws {
        let keytab = Lab.secrets + "/corp-alice.keytab"
        let creds = try await KerberosCredentials.obtain(principal: alice, keytab: keytab)
        #expect(creds.principal == alice)
        let ticket = try await creds.serviceTicket(for: "cifs/dc1.corp.example.test")
        #expect(ticket.service == "cifs/dc1.corp.example.test@CORP.EXAMPLE.TEST")
        #expect(ticket.ticketEncryptionType.isAES)
    }

    @Test func missingKeytabIsACredentialProblem() async throws {
        do {
            _ = try await KerberosCredentials.obtain(principal: alice, keytab: "/nonexistent/trustmap.keytab")
            Issue.record("a missing keytab gave credentials")
        } catch {
            #expect(error.message.contains("/nonexistent/trustmap.keytab") || error.message.contains("No such file"))
        }
    }

    @Test func wrongPasswordIsRefusedWithoutLeakingIt() async throws {
        let real = try Lab.password("corp", "alice").trimmingCharacters(in: .newlines)
        let wrongText = "Wrong-\(UUID().uuidString)"
        do {
            _ = try await KerberosCredentials.obtain(principal: alice, password: Secret(wrongText))
            Issue.record("a wrong password gave credentials")
        } catch {
            #expect(error.name == "KRB5KDC_ERR_PREAUTH_FAILED", "\(error)")
            #expect(error.isCredentialsRefused)
            #expect(!error.isUnreachable)
            let text = "\(error) \(String(reflecting: error))"
            #expect(!text.contains(wrongText))
            #expect(!text.contains(real))
            #expect(error.description.contains(alice))
        }
    }

    @Test func unknownClientIsRefused() async throws {
        do {
            _ = try await KerberosCredentials.obtain(
                principal: "nosuchuser-\(UInt32.random(in: 0...999_999))@CORP.EXAMPLE.TEST", password: Secret("x"))
            Issue.record("an unknown client got credentials")
        } catch {
            #expect(error.name == "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN", "\(error)")
            #expect(error.isCredentialsRefused)
        }
    }

    @Test func forestTrustReferralMatchesKvno() async throws {
        let creds = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        let spn = "cifs/dc1.partner.example.test"
        let ticket = try await creds.serviceTicket(for: spn)
        #expect(ticket.realm == "PARTNER.EXAMPLE.TEST")
        #expect(ticket.service == "\(spn)@PARTNER.EXAMPLE.TEST")
        #expect(ticket.realmsTraversed == ["CORP.EXAMPLE.TEST", "PARTNER.EXAMPLE.TEST"])
        #expect(ticket.ticketEncryptionType.isAES, "\(ticket.ticketEncryptionType)")

        // The same request through MIT's own tools, in a FILE cache of its own.
        try KrbLab.withKinit(alice, passwordFile: Lab.passwordFile("corp", "alice")) { cache in
            let kvno = try KrbLab.run(["kvno", spn], environment: ["KRB5CCNAME": cache])
            #expect(kvno.status == 0, "\(kvno.err)")
            let entries = try KrbLab.klistEntries(cache)
            let entry = entries.values.first { $0.server.hasPrefix(spn + "@") }
            #expect(entry?.server == ticket.service)
            #expect(entry?.tkt == ticket.ticketEncryptionType.name)
            #expect(entry?.skey == ticket.sessionKeyEncryptionType.name)
        }
        // MIT does not cache referral TGTs, so the hops come from the KDC replies themselves.
        #expect(ticket.realmsAsked == ["CORP.EXAMPLE.TEST", "PARTNER.EXAMPLE.TEST"])
    }

    @Test func explicitRealmWorksAcrossTheForestTrust() async throws {
        let creds = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        let ticket = try await creds.serviceTicket(for: "ldap/dc1.partner.example.test@PARTNER.EXAMPLE.TEST")
        #expect(ticket.realm == "PARTNER.EXAMPLE.TEST")
        #expect(ticket.realmsTraversed == ["CORP.EXAMPLE.TEST", "PARTNER.EXAMPLE.TEST"])
    }

    /// CORP trusts LEGACY (one way): a CORP user gets no ticket from LEGACY's KDC.
    @Test func oneWayExternalTrustRefusesCorpUsers() async throws {
        let creds = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        // Explicit realm: there is no krbtgt/LEGACY.EXAMPLE.TEST@CORP.EXAMPLE.TEST.
        do {
            let t = try await creds.serviceTicket(for: "cifs/dc1.legacy.example.test@LEGACY.EXAMPLE.TEST")
            Issue.record("alice got a LEGACY ticket: \(t)")
        } catch {
            #expect(!error.isUnreachable, "\(error)")
            #expect(!error.isCredentialsRefused, "\(error)")
        }
        // Referral form: whatever the KDC answers, it is not a ticket issued by LEGACY.
        let referral: Result<KerberosCredentials.ServiceTicket, KerberosError>
        do { referral = .success(try await creds.serviceTicket(for: "cifs/dc1.legacy.example.test")) } catch {
            referral = .failure(error)
        }
        if case .success(let t) = referral {
            #expect(t.realm != "LEGACY.EXAMPLE.TEST", "\(t)")
            #expect(!t.realmsTraversed.contains("LEGACY.EXAMPLE.TEST"))
        }
        // kvno agrees: no ticket from LEGACY for alice.
        try KrbLab.withKinit(alice, passwordFile: Lab.passwordFile("corp", "alice")) { cache in
            let kvno = try KrbLab.run(
                ["kvno", "cifs/dc1.legacy.example.test@LEGACY.EXAMPLE.TEST"],
                environment: ["KRB5CCNAME": cache])
            #expect(kvno.status != 0)
            let entries = try KrbLab.klistEntries(cache)
            #expect(!entries.keys.contains("krbtgt/LEGACY.EXAMPLE.TEST@CORP.EXAMPLE.TEST"))
        }
    }

    /// LEGACY users reach CORP: an external trust gives no referral, MIT falls back to the host's realm.
    @Test func legacyUserReachesCorp() async throws {
        let carol = "carol@LEGACY.EXAMPLE.TEST"
        let creds = try await KerberosCredentials.obtain(principal: carol, password: KrbLab.password("legacy", "carol"))
        let spn = "cifs/dc2.corp.example.test"
        let ticket = try await creds.serviceTicket(for: spn)
        #expect(ticket.realm == "CORP.EXAMPLE.TEST")
        #expect(ticket.service == "\(spn)@CORP.EXAMPLE.TEST")
        #expect(ticket.realmsTraversed == ["LEGACY.EXAMPLE.TEST", "CORP.EXAMPLE.TEST"])
        #expect(ticket.ticketEncryptionType.isAES || ticket.ticketEncryptionType.isRC4)
        // No referral across an external trust: LEGACY's KDC answers twice (the referral request
        // fails, then libkrb5's fallback asks it for krbtgt/CORP), then CORP's KDC issues the ticket.
        #expect(ticket.realmsAsked.filter { $0 == "LEGACY.EXAMPLE.TEST" }.count >= 2, "\(ticket.realmsAsked)")
        #expect(ticket.realmsAsked.last == "CORP.EXAMPLE.TEST")
        try KrbLab.withKinit(carol, passwordFile: Lab.passwordFile("legacy", "carol")) { cache in
            let kvno = try KrbLab.run(["kvno", spn], environment: ["KRB5CCNAME": cache])
            #expect(kvno.status == 0, "\(kvno.err)")
            let entries = try KrbLab.klistEntries(cache)
            let entry = entries.values.first { $0.server == ticket.service }
            #expect(entry?.tkt == ticket.ticketEncryptionType.name)
        }
    }

    /// Samba's KDC resolves an unknown "service/dc1.<other domain>" to its own "DC1$" account
    /// (every lab forest's first DC is called DC1; Samba matches the host's first label against
    /// sAMAccountName), so the referral form of these names is answered by the client's own
    /// realm. TrustMap reports that ticket as it is, and kvno for the same principal agrees.
    @Test(arguments: [
        ("alice@CORP.EXAMPLE.TEST", "corp", "alice", "cifs/dc1.legacy.example.test"),
        ("carol@LEGACY.EXAMPLE.TEST", "legacy", "carol", "cifs/dc1.corp.example.test"),
    ])
    func sameNamedDCsAreAnsweredLocally(principal: String, domain: String, user: String, spn: String) async throws {
        let creds = try await KerberosCredentials.obtain(principal: principal, password: KrbLab.password(domain, user))
        let ticket = try await creds.serviceTicket(for: spn)
        #expect(ticket.realm == creds.realm, "\(ticket)")
        #expect(ticket.realmsTraversed == [creds.realm])
        try KrbLab.withKinit(principal, passwordFile: Lab.passwordFile(domain, user)) { cache in
            let kvno = try KrbLab.run(["kvno", ticket.service], environment: ["KRB5CCNAME": cache])
            #expect(kvno.status == 0, "\(kvno.err)")
            let entry = try KrbLab.klistEntries(cache)[ticket.service]
            #expect(entry?.tkt == ticket.ticketEncryptionType.name)
        }
    }

    /// With the target realm explicit, the one-way trust shows: LEGACY users reach CORP, CORP
    /// users do not reach LEGACY; kvno agrees both ways.
    @Test(arguments: [
        ("alice@CORP.EXAMPLE.TEST", "corp", "alice", "cifs/dc1.legacy.example.test@LEGACY.EXAMPLE.TEST", false),
        ("carol@LEGACY.EXAMPLE.TEST", "legacy", "carol", "cifs/dc1.corp.example.test@CORP.EXAMPLE.TEST", true),
    ])
    func oneWayTrustWithExplicitRealms(
        principal: String, domain: String, user: String, spn: String, reachable: Bool
    ) async throws {
        let creds = try await KerberosCredentials.obtain(principal: principal, password: KrbLab.password(domain, user))
        let target = String(spn[spn.index(after: spn.lastIndex(of: "@")!)...])
        let ours: Result<KerberosCredentials.ServiceTicket, KerberosError>
        do { ours = .success(try await creds.serviceTicket(for: spn)) } catch { ours = .failure(error) }
        switch ours {
        case .success(let ticket):
            #expect(reachable, "\(principal) got \(ticket)")
            #expect(ticket.service == spn)
            #expect(ticket.realmsTraversed == [creds.realm, target])
        case .failure(let error):
            #expect(!reachable, "\(error)")
            #expect(!error.isCredentialsRefused && !error.isUnreachable, "\(error)")
        }
        try KrbLab.withKinit(principal, passwordFile: Lab.passwordFile(domain, user)) { cache in
            let kvno = try KrbLab.run(["kvno", spn], environment: ["KRB5CCNAME": cache])
            #expect((kvno.status == 0) == reachable, "\(kvno.out) \(kvno.err)")
            if case .success(let ticket) = ours {
                #expect(try KrbLab.klistEntries(cache)[spn]?.tkt == ticket.ticketEncryptionType.name)
            }
        }
    }

    @Test func unknownServiceIsReported() async throws {
        let creds = try await KerberosCredentials.obtain(principal: alice, password: KrbLab.password("corp", "alice"))
        do {
            let t = try await creds.serviceTicket(
                for: "nosuchservice/nosuchhost-\(UInt32.random(in: 0...999_999)).corp.example.test")
            Issue.record("got a ticket for a service that does not exist: \(t)")
        } catch {
            #expect(error.isServiceUnknown, "\(error)")
            #expect(!error.isCredentialsRefused)
        }
    }

    @Test func unreachableKDCFailsWithinTheTimeout() async throws {
        let password = try KrbLab.password("corp", "alice")
        let start = Date()
        do {
            _ = try await KerberosCredentials.obtain(
                principal: alice, password: password, kdc: "127.0.0.99", timeout: 15)
            Issue.record("credentials from an unused address")
        } catch {
            #expect(error.isUnreachable || error.isTimeout, "\(error)")
            #expect(error.name == "KRB5_KDC_UNREACH", "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test func silentKDCHitsTheTimeout() async throws {
        // A UDP socket that never answers: libkrb5 would retry for many seconds.
        let silent = try #require(Lab.silentSocket(tcp: false))
        defer { close(silent.fd) }
        let port = silent.port
        let password = try KrbLab.password("corp", "alice")
        let start = Date()
        do {
            _ = try await KerberosCredentials.obtain(
                principal: alice, password: password, kdc: "127.0.0.1:\(port)", timeout: 2)
            Issue.record("credentials from a silent socket")
        } catch {
            #expect(error.isTimeout || error.isUnreachable, "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
