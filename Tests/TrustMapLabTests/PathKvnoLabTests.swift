import Foundation
import Testing
import TrustMapCLI

/// `trustmap path`, computed offline from a snapshot of the lab, against what real tickets do:
/// for every user domain and target domain, MIT's `kvno` (from a kinit'ed cache, password on
/// stdin) gets a service ticket exactly when `path` finds a referral path. Targets are named with
/// their realm so that Samba's KDC cannot answer for a same-named DC of its own (every forest's
/// first DC is DC1).
@Suite(.enabled(if: Lab.isAvailable)) struct PathKvnoLabTests {
    struct Case: Sendable, CustomStringConvertible {
        let user: String
        let userDomain: String
        let netbios: String
        let targetHost: String
        let targetDomain: String
        var description: String { "\(user)@\(userDomain) -> \(targetHost)" }
    }

    static let users = [("alice", Lab.corp, "corp"), ("bob", Lab.partner, "partner"), ("carol", Lab.legacy, "legacy")]
    static let targets = [
        ("dc2.corp.example.test", Lab.corp), ("dc1.partner.example.test", Lab.partner),
        ("dc1.legacy.example.test", Lab.legacy),
    ]
    static let cases: [Case] = users.flatMap { u in
        targets.filter { $0.1 != u.1 }.map {
            Case(user: u.0, userDomain: u.1, netbios: u.2, targetHost: $0.0, targetDomain: $0.1)
        }
    }

    @Test(arguments: cases) func pathAgreesWithKvno(_ c: Case) async throws {
        let snapshot = try await ProbeLab.snapshot()
        defer { try? FileManager.default.removeItem(atPath: snapshot) }
        let p = await ProbeLab.trustmap(["--json", "path", snapshot, "--from", c.userDomain, "--to", c.targetDomain])
        let found = try ProbeLab.json(p.out)["found"] as? Bool
        try #require(found != nil, "path printed no verdict: \(p.out) \(p.err)")

        let principal = "\(c.user)@\(c.userDomain.uppercased())"
        let service = "cifs/\(c.targetHost)@\(c.targetDomain.uppercased())"
        let kvno = try KrbLab.withKinit(principal, passwordFile: Lab.passwordFile(c.netbios, c.user)) { cache in
            try KrbLab.run(["kvno", service], environment: ["KRB5CCNAME": cache])
        }
        #expect(
            (kvno.status == 0) == found!,
            "\(c): path says \(found! ? "a path" : "no path"), kvno \(service) exited \(kvno.status): \(kvno.err)")
    }
}
