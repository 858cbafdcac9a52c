#ifndef TRUSTMAP_CRESOLV_SHIM_H
#define TRUSTMAP_CRESOLV_SHIM_H
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

/// glibc's `struct __res_state` does not import cleanly as a value (its name is also a function);
/// these helpers allocate, initialise and free one on the heap.
static inline res_state trustmap_res_new(void) {
    res_state st = (res_state)calloc(1, sizeof(struct __res_state));
    return st;
}
static inline int trustmap_res_init(res_state st) { return res_ninit(st); }
static inline void trustmap_res_free(res_state st) {
    if (st) { res_nclose(st); free(st); }
}
static inline int trustmap_h_errno(void) { return h_errno; }
static inline int trustmap_t_srv(void) { return ns_t_srv; }
static inline int trustmap_t_soa(void) { return ns_t_soa; }
static inline int trustmap_t_a(void) { return ns_t_a; }
static inline int trustmap_t_aaaa(void) { return ns_t_aaaa; }
static inline int trustmap_c_in(void) { return ns_c_in; }

#endif
