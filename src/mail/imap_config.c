/* imap_config.c: an IMAP session from the [imap] settings, for the sync
 * and for whatever else needs the server (the outbox of a command). */
#include "mail/imap.h"
#include "core/config.h"
#include "core/password.h"
#include "core/xalloc.h"

static const enum imap_tls tls_modes[] = {
    [CONFIG_TLS_IMPLICIT] = IMAP_TLS_IMPLICIT,
    [CONFIG_TLS_STARTTLS] = IMAP_TLS_STARTTLS,
    [CONFIG_TLS_NONE] = IMAP_TLS_NONE,
};

struct imap *imap_connect_config(const struct config *k, const char *password,
				 struct err *e)
{
	struct imap_params p = {.host = k->imap.host,
				.port = (unsigned)k->imap.port,
				.tls = tls_modes[k->imap.tls],
				.user = k->imap.user,
				.ca_file = k->imap.ca_file,
				.fingerprint = k->imap.tls_fingerprint,
				.timeout = (unsigned)k->imap.timeout};
	struct imap *im;
	char *pw = NULL;

	if (password)
		pw = xstrdup(password);
	else if (password_get(k->imap.password_command,
			      CONFIG_IMAP_PASSWORD_ENV, false, NULL, &pw,
			      e) < 0)
		return NULL;
	p.password = pw;
	im = imap_connect(&p, e);
	password_free(pw);
	return im;
}
