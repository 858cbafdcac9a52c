#ifndef TRUSTMAP_CKERBEROS_SHIM_H
#define TRUSTMAP_CKERBEROS_SHIM_H
#include <krb5/krb5.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>

#endif
