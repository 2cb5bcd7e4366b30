/* sendmail.h: sending one message through a local sendmail-compatible
 * program ("/usr/sbin/sendmail -t -i"), its words split by core/argv (no
 * shell), the message on its standard input. */
#ifndef MAIL_SENDMAIL_H
#define MAIL_SENDMAIL_H

#include <stddef.h>

#include "core/err.h"
#include "mail/smtp.h"

/* Runs command's words, then "--" and the envelope's recipients (so a
 * blind copy, which no header names, is delivered also with -t; an
 * address never reads as an option), with the message on stdin. Returns
 * 0 when it exits 0, else -1 with e holding its exit status and the
 * first line of what it wrote to stderr. */
int sendmail_send(const char *command, const struct smtp_envelope *m,
		  struct err *e);

#endif
