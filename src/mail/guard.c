/* guard.c: the crash guard around one message's analysis. */
#include "mail/guard.h"
#include "analysis/advice.h"
#include "core/crashguard.h"
#include "store/store.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* ABUSEDESK_CRASH_ON=HASH makes the analysis of that message crash as a
 * bug would: how the tests prove that one mail cannot stop the desk. Read
 * once, not for every message. */
static const char *crash_target;
static pthread_once_t crash_target_once = PTHREAD_ONCE_INIT;

static void crash_target_read(void)
{
	crash_target = getenv("ABUSEDESK_CRASH_ON");
}

static void injected_fault(const char *hash)
{
	pthread_once(&crash_target_once, crash_target_read);
	if (crash_target && hash && strcmp(crash_target, hash) == 0)
		raise(SIGSEGV);
}

struct report *guard_unanalysed(const char *why)
{
	struct report *r = report_new();

	report_set_analysis(r, REPORT_ANALYSIS_NONE, why);
	advice_fill(r);
	return r;
}

struct report *guard_analyze(const char *raw, size_t len, const char *hash,
			     const struct store_quarantine *q,
			     const struct analysis_opts *opts, struct err *why)
{
	struct report *r;

	if (store_quarantined(q, hash))
		return guard_unanalysed("the analysis crashed on this message "
					"before; it is kept unanalysed");
	crashguard_enter(hash);
	injected_fault(hash);
	r = analysis_run(raw, len, opts, why);
	crashguard_leave();
	return r;
}
