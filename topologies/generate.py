#!/usr/bin/env python3
"""Writes the fixture snapshots of topologies/ (Snapshot's Codable JSON form).

Run from the repository root: python3 topologies/generate.py. The JSON files are committed; this script is how
they were made, so that a change to one is a reviewed change to a few lines here. Trust objects are written as
Windows records them: both sides, each from its own point of view, WITHIN_FOREST (0x20) for parent-child,
tree-root and shortcut trusts, FOREST_TRANSITIVE (0x8) for forest trusts, QUARANTINED_DOMAIN (0x4) on the
trusting side of external trusts.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
WITHIN, FOREST, QUAR, XORG, NONTRANS = 0x20, 0x8, 0x4, 0x10, 0x1
INBOUND, OUTBOUND, BOTH = 1, 2, 3
_sid = [1000]


def sid():
    _sid[0] += 1
    return f"S-1-5-21-{_sid[0]}-{_sid[0] * 7 % 100000}-{_sid[0] * 13 % 100000}"


def dc(host, ip, site="Default-First-Site-Name", roles=("pdc", "gc", "kdc", "writable", "dns"), answered=True):
    d = {"hostName": host, "netbiosName": host.split(".")[0].upper(), "addresses": [ip] if ip else [],
         "site": site, "roles": sorted(roles, key=["pdc", "gc", "rodc", "kdc", "writable", "dns"].index),
         "answered": answered, "sources": ["srv", "ldap"]}
    return d


def computer(name, dns=None, is_dc=False):
    c = {"name": name, "isDomainController": is_dc}
    if dns:
        c["dnsHostName"] = dns
    return c


def domain(dns, nb, forest, parent=None, tree_root=False, dcs=(), computers=(), status="complete", level=7,
           sources=("crossRef", "ldapPing"), reason=None, depth=0):
    d = {"dnsName": dns, "nameSources": list(sources) if nb else [], "sid": sid(), "forest": forest,
         "isTreeRoot": tree_root, "functionalLevel": level, "domainControllers": sorted(dcs, key=lambda x: x["hostName"]),
         "computers": sorted(computers, key=lambda x: x["name"]), "status": status, "depth": depth,
         "namingContext": ",".join("DC=" + l for l in dns.split("."))}
    if nb:
        d["netbiosName"] = nb
    if parent:
        d["parent"] = parent
    if reason:
        d["statusReason"] = reason
    return d


def trust(holder, partner, flat, direction, attrs, type_=2, enc=None):
    t = {"domain": holder, "partner": partner, "direction": direction, "type": type_, "attributes": attrs}
    if flat:
        t["flatName"] = flat
    if enc is not None:
        t["encryptionTypes"] = enc
    return t


def both(a, a_flat, b, b_flat, direction_from_a, attrs, enc=None, attrs_b=None):
    """Both objects of a trust; direction as A records it."""
    rev = {INBOUND: OUTBOUND, OUTBOUND: INBOUND, BOTH: BOTH}[direction_from_a]
    return [trust(a, b, b_flat, direction_from_a, attrs, enc=enc),
            trust(b, a, a_flat, rev, attrs if attrs_b is None else attrs_b, enc=enc)]


def forest(root, domains, sites=(), through=False):
    return {"root": root, "domains": sorted(domains), "functionalLevel": 7,
            "sites": sorted(sites, key=lambda s: s["name"]), "reachedThroughForestTrust": through}


def site(name, subnets=(), dcs=()):
    return {"name": name, "subnets": sorted(subnets), "domainControllers": sorted(dcs)}


def snapshot(name, start, forests, domains, trusts, dns_servers=("127.0.0.53",), diagnostics=()):
    return name, {
        "schemaVersion": 1,
        "metadata": {"collectedAt": "2026-01-01T00:00:00Z", "toolVersion": "fixture", "startDomain": start,
                     "vantage": {"clientSites": {}}, "dnsServers": list(dns_servers), "authentication": "fixture",
                     "answeredDomainControllers": sorted(c["hostName"] for d in domains for c in d["domainControllers"]
                                                         if c["answered"]),
                     "options": {"fixture": name}},
        "forests": sorted(forests, key=lambda f: f["root"]),
        "domains": sorted(domains, key=lambda d: d["dnsName"]),
        "trusts": sorted(trusts, key=lambda t: (t["domain"], t["partner"].lower())),
        "diagnostics": list(diagnostics),
    }


def single_domain():
    c = "corp.example.test"
    return snapshot("single-domain", c,
                    [forest(c, [c], [site("Default-First-Site-Name", ["10.1.0.0/16", "fd00:1::/48"],
                                          ["dc1.corp.example.test"]),
                                     site("Branch", ["10.2.0.0/16", "10.2.5.0/24"], ["dc2.corp.example.test"]),
                                     site("Empty", ["10.9.0.0/16"])])],
                    [domain(c, "CORP", c,
                            dcs=[dc("dc1.corp.example.test", "10.1.0.11"),
                                 dc("dc2.corp.example.test", "10.2.0.12", "Branch",
                                    roles=("gc", "kdc", "writable"))],
                            computers=[computer("DC1", "dc1.corp.example.test", True),
                                       computer("DC2", "dc2.corp.example.test", True),
                                       computer("WS1", "ws1.corp.example.test"),
                                       computer("WS2", "ws2.branch.corp.example.test"),
                                       computer("NODNS")])],
                    [])


def forest_tree():
    r, emea, paris, other, sales = "example.com", "emea.example.com", "paris.emea.example.com", "other.net", \
        "sales.other.net"
    doms = [domain(r, "EXAMPLE", r, dcs=[dc("dc1.example.com", "10.10.0.1")]),
            domain(emea, "EMEA", r, parent=r, dcs=[dc("dc1.emea.example.com", "10.11.0.1")]),
            domain(paris, "PARIS", r, parent=emea, dcs=[dc("dc1.paris.emea.example.com", "10.12.0.1")],
                   computers=[computer("PC1", "pc1.paris.emea.example.com")]),
            domain(other, "OTHER", r, tree_root=True, dcs=[dc("dc1.other.net", "10.13.0.1")]),
            domain(sales, "SALES", r, parent=other, dcs=[dc("dc1.sales.other.net", "10.14.0.1")])]
    trusts = (both(r, "EXAMPLE", emea, "EMEA", BOTH, WITHIN) + both(emea, "EMEA", paris, "PARIS", BOTH, WITHIN)
              + both(r, "EXAMPLE", other, "OTHER", BOTH, WITHIN) + both(other, "OTHER", sales, "SALES", BOTH, WITHIN)
              # One-way shortcut: paris trusts sales (sales users reach paris in one hop).
              + both(paris, "PARIS", sales, "SALES", OUTBOUND, WITHIN))
    return snapshot("forest-tree", r, [forest(r, [r, emea, paris, other, sales])], doms, trusts)


def three_forests():
    a, x, b, y, c = "a.test", "x.a.test", "b.test", "y.b.test", "c.test"
    doms = [domain(a, "A", a, dcs=[dc("dc1.a.test", "10.20.0.1")]),
            domain(x, "X", a, parent=a, dcs=[dc("dc1.x.a.test", "10.21.0.1")]),
            domain(b, "B", b, dcs=[dc("dc1.b.test", "10.22.0.1")]),
            domain(y, "Y", b, parent=b, dcs=[dc("dc1.y.b.test", "10.23.0.1")]),
            domain(c, "C", c, dcs=[dc("dc1.c.test", "10.24.0.1")])]
    trusts = (both(a, "A", x, "X", BOTH, WITHIN) + both(b, "B", y, "Y", BOTH, WITHIN)
              + both(a, "A", b, "B", BOTH, FOREST, enc=0x18) + both(b, "B", c, "C", BOTH, FOREST, enc=0x18))
    return snapshot("three-forests", a, [forest(a, [a, x]), forest(b, [b, y], through=True),
                                         forest(c, [c], through=True)], doms, trusts)


def external_quarantined():
    corp, dev, legacy, old = "corp.example.test", "dev.corp.example.test", "legacy.example.test", \
        "old.legacy.example.test"
    doms = [domain(corp, "CORP", corp, dcs=[dc("dc1.corp.example.test", "10.30.0.1")]),
            domain(dev, "DEV", corp, parent=corp, dcs=[dc("dc1.dev.corp.example.test", "10.31.0.1")]),
            domain(legacy, "LEGACY", legacy, level=2, dcs=[dc("dc1.legacy.example.test", "10.32.0.1")]),
            domain(old, "OLD", legacy, parent=legacy, level=2,
                   dcs=[dc("dc1.old.legacy.example.test", "10.33.0.1", answered=False)])]
    trusts = (both(corp, "CORP", dev, "DEV", BOTH, WITHIN) + both(legacy, "LEGACY", old, "OLD", BOTH, WITHIN)
              # CORP trusts LEGACY (outbound), quarantined on CORP's side; RC4 keys only.
              + [trust(corp, legacy, "LEGACY", OUTBOUND, QUAR, enc=0x4), trust(legacy, corp, "CORP", INBOUND, 0, enc=0x4)])
    return snapshot("external-quarantined", corp, [forest(corp, [corp, dev]), forest(legacy, [legacy, old])], doms,
                    trusts)


def netbios_collision():
    alpha, sa, beta, sb = "alpha.test", "sales.alpha.test", "beta.test", "sales.beta.test"
    doms = [domain(alpha, "ALPHA", alpha, dcs=[dc("dc1.alpha.test", "10.40.0.1")]),
            domain(sa, "SALES", alpha, parent=alpha, dcs=[dc("dc1.sales.alpha.test", "10.41.0.1")],
                   computers=[computer("PC1", "pc1.sales.alpha.test")]),
            domain(beta, "BETA", beta, dcs=[dc("dc1.beta.test", "10.42.0.1")]),
            domain(sb, "SALES", beta, parent=beta, dcs=[dc("dc1.sales.beta.test", "10.43.0.1")],
                   computers=[computer("PC1", "pc1.sales.beta.test")]),
            domain("nonb.test", None, "nonb.test", sources=())]
    trusts = (both(alpha, "ALPHA", sa, "SALES", BOTH, WITHIN) + both(beta, "BETA", sb, "SALES", BOTH, WITHIN)
              + both(alpha, "ALPHA", beta, "BETA", BOTH, FOREST)
              # A downlevel (NT4) trust: partner written as a NetBIOS name, not known anywhere else.
              + [trust(alpha, "NT4DOM", "NT4DOM", OUTBOUND, 0, type_=1)])
    return snapshot("netbios-collision", alpha, [forest(alpha, [alpha, sa]), forest(beta, [beta, sb])], doms, trusts)


def cycle():
    p, q, r = "p.test", "q.test", "r.test"
    f1, f2, f3 = "f1.test", "f2.test", "f3.test"
    doms = [domain(n, n.split(".")[0].upper(), n, dcs=[dc("dc1." + n, "10.50.0.%d" % i)])
            for i, n in enumerate([p, q, r, f1, f2, f3], 1)]
    # One-way external trusts in a cycle: p trusts q, q trusts r, r trusts p.
    trusts = (both(p, "P", q, "Q", OUTBOUND, 0) + both(q, "Q", r, "R", OUTBOUND, 0) + both(r, "R", p, "P", OUTBOUND, 0)
              # A triangle of forest trusts.
              + both(f1, "F1", f2, "F2", BOTH, FOREST) + both(f2, "F2", f3, "F3", BOTH, FOREST)
              + both(f1, "F1", f3, "F3", BOTH, FOREST))
    return snapshot("cycle", p, [forest(n, [n]) for n in [p, q, r, f1, f2, f3]], doms, trusts)


def one_sided():
    a, b, c, d, e = "a.test", "b.test", "c.test", "d.test", "e.test"
    doms = [domain(a, "A", a, dcs=[dc("dc1.a.test", "10.60.0.1")]),
            domain(b, "B", b, dcs=[dc("dc1.b.test", "10.60.0.2")]),
            domain(c, "C", c, dcs=[dc("dc1.c.test", "10.60.0.3")]),
            domain(d, "D", d, dcs=[dc("dc1.d.test", "10.60.0.4")]),
            domain(e, "E", e, status="unreachable", reason="no DC answered", sources=("trustObject",),
                   dcs=[dc("dc1.e.test", "10.60.0.5", answered=False)])]
    trusts = ([trust(a, b, "B", BOTH, FOREST)]                                  # one-sided: b has no object
              + [trust(a, c, "C", OUTBOUND, 0), trust(c, a, "A", OUTBOUND, 0)]  # direction mismatch
              + both(a, "A", d, "D", BOTH, FOREST, attrs_b=0)                   # type mismatch
              + [trust(a, e, "E", BOTH, XORG | FOREST)])                        # e not read; selective auth
    return snapshot("one-sided", a, [forest(n, [n]) for n in [a, b, c, d, e]], doms, trusts)


def usecases():
    dom, user, target = "domain.foo.com", "userdomain.foo.com", "targetdomain.foo.com"
    doms = [domain(dom, "DOMAIN", dom, dcs=[dc("dc1.domain.foo.com", "10.70.0.1")],
                   computers=[computer("HOST1", "host1.domain.foo.com")]),
            domain(user, "USERDOMAIN", user, dcs=[dc("dc1.userdomain.foo.com", "10.71.0.1")]),
            domain(target, "TARGETDOMAIN", target, dcs=[dc("dc1.targetdomain.foo.com", "10.72.0.1")],
                   computers=[computer("SRV1", "srv1.targetdomain.foo.com")])]
    # TARGETDOMAIN trusts USERDOMAIN: a two-way forest trust between the two single-domain forests.
    trusts = both(target, "TARGETDOMAIN", user, "USERDOMAIN", BOTH, FOREST, enc=0x1c)
    return snapshot("usecases", dom, [forest(n, [n], [site("Default-First-Site-Name", [sub])])
                                      for n, sub in [(dom, "10.70.0.0/16"), (user, "10.71.0.0/16"),
                                                     (target, "10.72.0.0/16")]], doms, trusts)


def lab():
    # As tools/adlab builds it and as a discovery from the lab reads it (sites, subnets, roles from the LDAP ping:
    # Samba's replies carry no DNS_CONTROLLER flag, so no DC has the dns role).
    corp, partner, legacy = "corp.example.test", "partner.example.test", "legacy.example.test"
    writable = ("pdc", "gc", "kdc", "writable", "dns")
    doms = [domain(corp, "CORP", corp, level=4,
                   dcs=[dc("dc1.corp.example.test", "127.0.0.11", roles=writable),
                        dc("dc2.corp.example.test", "127.0.0.12", "Branch", roles=("gc", "kdc", "writable", "dns")),
                        dc("rodc1.corp.example.test", "127.0.0.13", roles=("gc", "rodc", "kdc"))],
                   computers=[computer("DC1", "dc1.corp.example.test", True),
                              computer("DC2", "dc2.corp.example.test", True),
                              computer("RODC1", "rodc1.corp.example.test", True)]),
            domain(partner, "PARTNER", partner, level=4,
                   dcs=[dc("dc1.partner.example.test", "127.0.0.21", roles=writable)],
                   computers=[computer("DC1", "dc1.partner.example.test", True)]),
            domain(legacy, "LEGACY", legacy, level=4,
                   dcs=[dc("dc1.legacy.example.test", "127.0.0.31", roles=writable)],
                   computers=[computer("DC1", "dc1.legacy.example.test", True)])]
    trusts = (both(corp, "CORP", partner, "PARTNER", BOTH, FOREST, enc=0x18)
              + [trust(corp, legacy, "LEGACY", OUTBOUND, QUAR, enc=0x18),
                 trust(legacy, corp, "CORP", INBOUND, QUAR, enc=0x18)])
    return snapshot("lab", corp, [
        forest(corp, [corp], [site("Branch", ["127.0.0.128/25"], ["dc2.corp.example.test"]),
                              site("Default-First-Site-Name", ["127.0.0.0/25"],
                                   ["dc1.corp.example.test", "rodc1.corp.example.test"])]),
        forest(partner, [partner], [site("Default-First-Site-Name", [], ["dc1.partner.example.test"])], through=True),
        forest(legacy, [legacy], [site("Default-First-Site-Name", [], ["dc1.legacy.example.test"])])],
        doms, trusts)


def main():
    for make in [single_domain, forest_tree, three_forests, external_quarantined, netbios_collision, cycle,
                 one_sided, usecases, lab]:
        name, snap = make()
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(snap, f, indent=2, sort_keys=True)
            f.write("\n")
        print("wrote", name + ".json")


if __name__ == "__main__":
    main()
