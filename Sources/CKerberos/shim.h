#ifndef TRUSTMAP_CKERBEROS_SHIM_H
#define TRUSTMAP_CKERBEROS_SHIM_H
#include <krb5/krb5.h>
#include <profile.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <stdlib.h>
#include <string.h>

/// Sets this thread's GSSAPI (MIT krb5 mechanism) credential cache name, NULL for the default,
/// and returns a malloc'ed copy of the previous name (NULL when it was the default); free it with free().
/// `*status` receives the GSS major status.
static inline char *trustmap_gss_swap_ccache_name(const char *name, OM_uint32 *status) {
    OM_uint32 minor = 0;
    const char *previous = NULL;
    *status = gss_krb5_ccache_name(&minor, name, &previous);
    if (GSS_ERROR(*status) || previous == NULL) { return NULL; }
    return strdup(previous);
}

/// Restores a name returned by trustmap_gss_swap_ccache_name and frees it.
static inline void trustmap_gss_restore_ccache_name(char *previous) {
    OM_uint32 minor = 0;
    (void)gss_krb5_ccache_name(&minor, previous, NULL);
    free(previous);
}

/// Builds a context from an explicit list of configuration files (colon-separated, the first wins).
static inline krb5_error_code trustmap_krb5_init_context_path(const char *path, krb5_context *context) {
    profile_t profile = NULL;
    long rc = profile_init_path(path, &profile);
    if (rc != 0) { return (krb5_error_code)rc; }
    krb5_error_code code = krb5_init_context_profile(profile, 0, context);
    profile_release(profile);
    return code;
}

#endif
