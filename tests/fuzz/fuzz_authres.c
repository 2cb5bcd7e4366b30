/* fuzz_authres.c: libFuzzer target for the Authentication-Results reader:
 * the input is a header block (as many fields, folds and bytes as it
 * likes) read with two authserv-ids of ours against a fixed From:. */
#include "analysis/authres.h"
#include "analysis/report.h"
#include "core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *const ids[] = {"mx.ours.example", "mx2.ours.example"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report *r = report_new();

	r->from_addr = xstrdup("abuse@reports.sender.example");
	authres_read(r, (const char *)data, size, ids, 2);
	if (r->auth_verdict > REPORT_AUTH_NOT_VERIFIED ||
	    r->auth_dmarc > REPORT_AUTH_FAIL)
		abort();
	report_free(r);
	return 0;
}
