#ifndef TRUSTMAP_CRESOLV_SHIM_H
#define TRUSTMAP_CRESOLV_SHIM_H
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

/// glibc's `struct __res_state` does not import cleanly as a value (its name is also a function);
/// these helpers allocate, initialise and free one on the heap.
/// `_vcsock` starts at -1 so that no code path can take the zeroed field for file descriptor 0.
static inline res_state trustmap_res_new(void) {
    res_state st = (res_state)calloc(1, sizeof(struct __res_state));
    if (st) st->_vcsock = -1;
    return st;
}
static inline int trustmap_res_init(res_state st) { return res_ninit(st); }
/// Closes (res_nclose: sockets, name server copies, configuration reference) and frees a state
/// that res_ninit initialised.
static inline void trustmap_res_free(res_state st) {
    if (st) { res_nclose(st); free(st); }
}
/// Frees a state whose res_ninit failed (it holds nothing to close).
static inline void trustmap_res_discard(res_state st) { free(st); }
static inline int trustmap_h_errno(void) { return h_errno; }
static inline int trustmap_t_srv(void) { return ns_t_srv; }
static inline int trustmap_t_soa(void) { return ns_t_soa; }
static inline int trustmap_t_a(void) { return ns_t_a; }
static inline int trustmap_t_aaaa(void) { return ns_t_aaaa; }
static inline int trustmap_c_in(void) { return ns_c_in; }

/// The number of name servers configured in an initialised state (from /etc/resolv.conf).
static inline int trustmap_res_nscount(res_state st) { return st->nscount; }

/// Replaces the name servers an initialised state took from /etc/resolv.conf by one server.
/// `addr` holds 4 (IPv4) or 16 (IPv6) bytes in network order; `port` is in host order.
/// IPv4 goes into `nsaddr_list`; IPv6 goes into the private `_u._ext.nsaddrs` slot with
/// `nsaddr_list[0].sin_family = 0`, which is how glibc's own res_init stores IPv6 servers
/// (res_send.c reads the slot through __res_get_nsaddr; res_nclose frees it).
/// Returns 0, or -1 for a bad length or no memory.
static inline int trustmap_res_set_server(res_state st, const unsigned char *addr, int addrlen, unsigned short port) {
    if (addrlen != 4 && addrlen != 16) return -1;
    for (int i = 0; i < MAXNS; i++) {
        free(st->_u._ext.nsaddrs[i]);
        st->_u._ext.nsaddrs[i] = NULL;
        st->_u._ext.nssocks[i] = -1;
    }
    st->_u._ext.nscount = 0; /* res_send.c rebuilds its private copy on the next query */
    memset(st->nsaddr_list, 0, sizeof st->nsaddr_list);
    if (addrlen == 4) {
        st->nsaddr_list[0].sin_family = AF_INET;
        st->nsaddr_list[0].sin_port = htons(port);
        memcpy(&st->nsaddr_list[0].sin_addr, addr, 4);
    } else {
        struct sockaddr_in6 *sa6 = (struct sockaddr_in6 *)calloc(1, sizeof(struct sockaddr_in6));
        if (!sa6) return -1;
        sa6->sin6_family = AF_INET6;
        sa6->sin6_port = htons(port);
        memcpy(&sa6->sin6_addr, addr, 16);
        st->nsaddr_list[0].sin_family = 0;
        st->_u._ext.nsaddrs[0] = sa6;
    }
    st->nscount = 1;
    return 0;
}

/// Sets the per-server timeout (whole seconds) and the number of attempts, and the options
/// TrustMap needs: truncated UDP answers are returned (RES_IGNTC) so the caller sees the TC
/// bit and retries over TCP itself (`usevc` non-zero sets RES_USEVC), and no rotation.
static inline void trustmap_res_configure(res_state st, int retrans, int retry, int usevc) {
    st->retrans = retrans;
    st->retry = retry;
    st->options |= RES_IGNTC;
    st->options &= ~(unsigned long)RES_ROTATE;
    if (usevc) st->options |= RES_USEVC; else st->options &= ~(unsigned long)RES_USEVC;
}

/// Builds a standard query (opcode QUERY, class IN, RD set) for `name` and `type` into `buf`.
/// Returns its length or -1 (for example for a name with a label over 63 bytes).
static inline int trustmap_res_mkquery(res_state st, const char *name, int type, unsigned char *buf, int buflen) {
    return res_nmkquery(st, ns_o_query, name, ns_c_in, type, NULL, 0, NULL, buf, buflen);
}

/// Sends a query and waits for the answer; returns the answer's length or -1 with errno set.
static inline int trustmap_res_send(res_state st, const unsigned char *query, int qlen, unsigned char *ans, int anslen) {
    return res_nsend(st, query, qlen, ans, anslen);
}

/// Parses the record `index` of the answer section (ns_parserr with ns_s_an).
static inline int trustmap_parse_answer(ns_msg *msg, int index, ns_rr *rr) {
    return ns_parserr(msg, ns_s_an, index, rr);
}
/// The number of records in the answer section of a parsed message.
static inline int trustmap_answer_count(const ns_msg *msg) { return ns_msg_count(*msg, ns_s_an); }
/// The owner name of a parsed record (expanded, without trailing dot).
static inline const char *trustmap_rr_name(const ns_rr *rr) { return rr->name; }
/// The first and one-past-last byte of a parsed message, for dn_expand on record data.
static inline const unsigned char *trustmap_msg_base(const ns_msg *msg) { return ns_msg_base(*msg); }
static inline const unsigned char *trustmap_msg_end(const ns_msg *msg) { return ns_msg_end(*msg); }
/// NS_MAXDNAME: the buffer size dn_expand needs.
static inline int trustmap_maxdname(void) { return NS_MAXDNAME; }

#endif
