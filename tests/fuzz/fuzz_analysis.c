/* fuzz_analysis.c: libFuzzer target for the whole analysis of one mail:
 * MIME decoding, charsets, HTML, attachments, addresses and their roles,
 * format, category and lines, what our mail server said of the sender,
 * under a small size limit and with a list of our own networks and mail
 * servers, then the pager's text of the same bytes. */
#include "analysis/analyze.h"
#include "analysis/report.h"
#include "core/err.h"
#include "core/ip.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cidr_list own;

static const struct cidr_list *own_networks(void)
{
	static int parsed;
	struct err e;

	if (!parsed) {
		if (cidr_list_parse(
			"192.0.2.0/24, 198.51.100.0/24 2001:db8::/32", &own,
			&e) != 0) {
			fprintf(stderr, "fuzz_analysis: %s\n", e.msg);
			abort();
		}
		parsed = 1;
	}
	return &own;
}

static char *const authserv_ids[] = {"mx.ours.example"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct analysis_opts opts = {.own = own_networks(),
				     .max_bytes = (size_t)1 << 20,
				     .authserv_ids = authserv_ids,
				     .n_authserv_ids = 1};
	const char *raw = (const char *)data;
	struct err e;
	struct report *r;

	r = analysis_run(raw, size, &opts, &e);
	report_free(r);
	free(analysis_text(raw, size));
	return 0;
}
