#ifndef TRUSTMAP_CLDAP_SHIM_H
#define TRUSTMAP_CLDAP_SHIM_H
#include <lber.h>
#include <ldap.h>
#include <sasl/sasl.h>
#include <string.h>
#include <sys/time.h>

/// LDAP_OPT_ON is a macro over a global that Swift 6 cannot touch.
static inline void *trustmap_ldap_opt_on(void) { return LDAP_OPT_ON; }
static inline void *trustmap_ldap_opt_off(void) { return LDAP_OPT_OFF; }
static inline ber_tag_t trustmap_lber_error(void) { return LBER_ERROR; }

/// Sets an `int` option (ldap_set_option takes a pointer to it).
/// Exported by libldap 2.5 but not declared in its public header: a handle over a socket the
/// caller connected (TrustMap connects to the address its own DNS lookup found, and keeps the
/// host name in the URL for GSSAPI and certificate checks).
extern int ldap_init_fd(ber_socket_t fd, int proto, const char *url, LDAP **ldp);
static inline int trustmap_ldap_proto_tcp(void) { return 1; }

static inline int trustmap_ldap_set_int(LDAP *ld, int option, int value) {
    return ldap_set_option(ld, option, &value);
}

/// Sets a `struct timeval` option (LDAP_OPT_NETWORK_TIMEOUT, LDAP_OPT_TIMEOUT) from seconds.
static inline int trustmap_ldap_set_timeout(LDAP *ld, int option, double seconds) {
    struct timeval tv;
    tv.tv_sec = (time_t)seconds;
    tv.tv_usec = (suseconds_t)((seconds - (double)tv.tv_sec) * 1e6);
    return ldap_set_option(ld, option, &tv);
}

/// Reads a string option owned by the caller (LDAP_OPT_DIAGNOSTIC_MESSAGE, LDAP_OPT_MATCHED_DN);
/// free the result with ldap_memfree. NULL when unset.
static inline char *trustmap_ldap_get_string(LDAP *ld, int option) {
    char *value = NULL;
    if (ldap_get_option(ld, option, &value) != LDAP_OPT_SUCCESS) { return NULL; }
    return value;
}

/// The SASL interaction callback: GSSAPI asks at most for an authorization identity, for
/// which the empty default (the authenticated identity itself) is the answer.
static inline int trustmap_sasl_interact(LDAP *ld, unsigned flags, void *defaults, void *in) {
    (void)ld; (void)flags; (void)defaults;
    sasl_interact_t *interact = (sasl_interact_t *)in;
    for (; interact != NULL && interact->id != SASL_CB_LIST_END; interact++) {
        const char *value = interact->defresult != NULL ? interact->defresult : "";
        interact->result = value;
        interact->len = (unsigned)strlen(value);
    }
    return LDAP_SUCCESS;
}

/// A SASL GSSAPI bind (ldap_sasl_interactive_bind_s takes a C callback).
static inline int trustmap_ldap_sasl_gssapi_bind(LDAP *ld) {
    return ldap_sasl_interactive_bind_s(ld, NULL, "GSSAPI", NULL, NULL, LDAP_SASL_QUIET, trustmap_sasl_interact, NULL);
}

/// A simple bind with a password (a berval built here, so the password never leaves C memory
/// the caller controls).
static inline int trustmap_ldap_simple_bind(LDAP *ld, const char *dn, const char *password, size_t length) {
    struct berval cred;
    cred.bv_val = (char *)password;
    cred.bv_len = (ber_len_t)length;
    return ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
}

/// A synchronous search with optional server controls and a time limit in seconds.
static inline int trustmap_ldap_search(LDAP *ld, const char *base, int scope, const char *filter,
                                       char **attributes, LDAPControl **serverControls, double seconds,
                                       LDAPMessage **result) {
    struct timeval tv;
    tv.tv_sec = (time_t)seconds;
    tv.tv_usec = (suseconds_t)((seconds - (double)tv.tv_sec) * 1e6);
    return ldap_search_ext_s(ld, base, scope, filter, attributes, 0, serverControls, NULL,
                             seconds > 0 ? &tv : NULL, LDAP_NO_LIMIT, result);
}

/// Creates a paged-results request control (RFC 2696) with the cookie of the previous page
/// (NULL/0 for the first page).
static inline int trustmap_ldap_page_control(LDAP *ld, int pageSize, const char *cookie, size_t cookieLength,
                                             LDAPControl **control) {
    struct berval value;
    value.bv_val = (char *)cookie;
    value.bv_len = (ber_len_t)cookieLength;
    return ldap_create_page_control(ld, (ber_int_t)pageSize, cookieLength > 0 ? &value : NULL, 0, control);
}

/// Reads the paged-results response control from a search result's controls: the cookie for
/// the next page (copied to `*cookie`, free with ber_memfree; NULL and 0 when the search is
/// complete). Returns LDAP_CONTROL_NOT_FOUND when the server sent no paging control.
static inline int trustmap_ldap_page_cookie(LDAP *ld, LDAPControl **controls, char **cookie, size_t *cookieLength) {
    *cookie = NULL;
    *cookieLength = 0;
    LDAPControl *control = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, controls, NULL);
    if (control == NULL) { return LDAP_CONTROL_NOT_FOUND; }
    ber_int_t count = 0;
    struct berval value = { 0, NULL };
    int rc = ldap_parse_pageresponse_control(ld, control, &count, &value);
    if (rc != LDAP_SUCCESS) { return rc; }
    if (value.bv_len == 0) {
        if (value.bv_val != NULL) { ber_memfree(value.bv_val); }
        return LDAP_SUCCESS;
    }
    *cookie = value.bv_val;
    *cookieLength = (size_t)value.bv_len;
    return LDAP_SUCCESS;
}

#endif
