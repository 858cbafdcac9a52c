#ifndef TRUSTMAP_CLDAP_SHIM_H
#define TRUSTMAP_CLDAP_SHIM_H
#include <lber.h>
#include <ldap.h>

/// LDAP_OPT_ON is a macro over a global that Swift 6 cannot touch.
static inline void *trustmap_ldap_opt_on(void) { return LDAP_OPT_ON; }
static inline void *trustmap_ldap_opt_off(void) { return LDAP_OPT_OFF; }
static inline ber_tag_t trustmap_lber_error(void) { return LBER_ERROR; }

#endif
