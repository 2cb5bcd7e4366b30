/* advice.c: what the program tells the operator when a report does not say
 * it itself — a summary per kind of abuse and the usual next step, as one
 * table keyed by XARF category and type. */
#include "analysis/advice.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct advice {
	const char *category;
	const char *type; /* NULL: any type of the category */
	const char *what; /* completed with " from IP" / " on IP" */
	const char *preposition;
	const char *todo;
};

/* The first row that matches wins: specific types before their category. */
static const struct advice advice_table[] = {
    {"messaging", "spam", "Spam sent", "from",
     "Find what sends it (a compromised mailbox, a web form, an open "
     "relay or proxy) and stop it; check the host's mail queue."},
    {"messaging", NULL, "Unwanted mail sent", "from",
     "Find the sending account or script and stop it."},
    {"content", "phishing", "Phishing page hosted", "on",
     "Take the page down or suspend the site now; ask the customer to clean "
     "the site and change its passwords."},
    {"content", "malware", "Malware hosted", "on",
     "Remove the files and find how they got there (an outdated CMS, a "
     "stolen password); suspend the site if the customer does not answer."},
    {"content", "fraud", "Fraudulent content hosted", "on",
     "Check the site and suspend it if the report holds."},
    {"content", "defacement", "Defaced website", "on",
     "Tell the customer the site was broken into: restore it from a clean "
     "copy, update the CMS and change its passwords."},
    {"content", NULL, "Illegal or harmful content", "on",
     "Check the content and take it down if the report holds."},
    {"copyright", NULL, "Copyright infringement notice", "for",
     "Forward the notice to the customer as your policy requires; no "
     "technical action unless the notices repeat."},
    {"connection", "ddos", "DDoS traffic", "from",
     "Urgent: limit or null-route the address now, then contact the "
     "customer; the host is compromised or an open reflector."},
    {"connection", "login_attack", "Login attempts (brute force)", "from",
     "The host is probably compromised: contact the customer, check it for "
     "malware and block its outgoing SSH/RDP until it is clean."},
    {"connection", "port_scan", "Port scans", "from",
     "Contact the customer: scanning usually means a compromised host."},
    {"connection", NULL, "Attacks", "from",
     "Contact the customer: the host is probably compromised; block the "
     "traffic until it is clean."},
    {"infrastructure", "botnet", "Botnet infection", "at",
     "Contact the customer: the machine is infected and needs cleaning or "
     "reinstalling."},
    {"infrastructure", "compromised_server", "Compromised server or site", "at",
     "Contact the customer: the host was broken into; it needs cleaning "
     "(web shells, added users, cron jobs) and its software updating."},
    {"infrastructure", NULL, "Abused infrastructure", "at",
     "Contact the customer and check the host."},
    {"vulnerability", NULL, "Vulnerable or exposed service", "on",
     "Ask the customer to patch the service or close it to the Internet."},
    {"reputation", NULL, "Listed on a blocklist", "", /* no preposition */
     "Find out why it is listed (usually spam), fix that, then ask for "
     "delisting."},
    {"other", NULL,
     "No abuse report recognised (an acknowledgement, an "
     "auto-reply, a closed case or a newsletter?)",
     "", "Skim it; if it is not a report, archive it."},
};

static const struct advice unknown_advice = {
    NULL, NULL, "Report of an unknown kind", "about",
    "Read the report: the analysis could not tell what it is about."};

static const struct advice *advice_find(const char *category, const char *type)
{
	size_t n = sizeof advice_table / sizeof advice_table[0];

	for (size_t i = 0; category && i < n; i++) {
		const struct advice *a = &advice_table[i];
		if (strcmp(a->category, category) != 0)
			continue;
		if (!a->type || (type && strcmp(a->type, type) == 0))
			return a;
	}
	return &unknown_advice;
}

const char *advice_todo(const char *category, const char *type)
{
	return advice_find(category, type)->todo;
}

/* The first offender of r, and in *n how many there are. */
static const struct report_ip *first_offender(const struct report *r, size_t *n)
{
	const struct report_ip *first = NULL;

	*n = 0;
	for (size_t i = 0; i < r->n_ips; i++) {
		if (r->ips[i].role != REPORT_IP_OFFENDER)
			continue;
		if (!first)
			first = &r->ips[i];
		(*n)++;
	}
	return first;
}

/* A kind the words do not name, about an address the report does name
 * (personal data published, harassment): a report all the same. */
static const struct advice other_reported = {
    "other", NULL, "Abuse of another kind reported", "about",
    "Read what the report says about the host and act on it if it holds "
    "(ask the customer, take the content down)."};

/* A finder who asks to be paid for a "finding" on the recipient's own
 * site (the noise signal "bounty"). */
static const struct advice bounty_beg = {
    "other", NULL, "A bounty asked for a finding on your own site", "",
    "No customer to act on: pass the finding to whoever runs the site if "
    "it holds; a bounty is owed only where you offer one."};

/* The advice for r: by its kind, and for a kind not named, by whether it
 * names an offender. */
static const struct advice *advice_of(const struct report *r)
{
	size_t n;

	if (r->no_report)
		return advice_find("other", NULL);
	if (report_has_noise_signal(r, "bounty"))
		return &bounty_beg;
	/* A mail of no kind that names an offender, or that asks for
	 * something, is a report all the same. */
	if (r->category && strcmp(r->category, "other") == 0 &&
	    (first_offender(r, &n) || r->action))
		return &other_reported;
	return advice_find(r->category, r->type);
}

/* The summary names the offenders only: a victim is not where the
 * abuse came from. */
char *advice_summary(const struct report *r)
{
	const struct advice *a = advice_of(r);
	size_t n;
	const struct report_ip *first = first_offender(r, &n);

	if (n == 0 || !a->preposition[0])
		return xstrdup(a->what);
	if (n == 1)
		return xasprintf("%s %s %s", a->what, a->preposition,
				 first->text);
	return xasprintf("%s %s %s and %zu more", a->what, a->preposition,
			 first->text, n - 1);
}

/* A report grouped under an address of ours that was attacked, none of
 * ours attacking: the customer is the victim, nothing on its host needs
 * cleaning. */
static const struct report_ip *victim_of(const struct report *r)
{
	const struct report_ip *victim = NULL;

	for (size_t i = 0; i < r->n_ips; i++) {
		if (!r->ips[i].in_scope)
			continue;
		if (r->ips[i].role == REPORT_IP_OFFENDER)
			return NULL;
		if (r->ips[i].role == REPORT_IP_VICTIM && !victim)
			victim = &r->ips[i];
	}
	return victim;
}

/* What a report about our attacked host is, in one spelling. */
static char *victim_summary(const struct report_ip *victim,
			    const struct advice *a)
{
	return xasprintf("Our host %s attacked (%s)", victim->text, a->what);
}

static const char victim_todo[] =
    "Your customer's host was attacked, it did not attack: tell the "
    "customer, and filter the attacking addresses at your edge if they "
    "ask; there is nothing to clean on their host.";

void advice_fill(struct report *r)
{
	const struct report_ip *victim = r->no_report ? NULL : victim_of(r);

	free(r->summary);
	free(r->advice);
	if (victim) {
		r->summary =
		    victim_summary(victim, advice_find(r->category, r->type));
		r->advice = xstrdup(victim_todo);
		return;
	}
	r->summary = advice_summary(r);
	r->advice = xstrdup(advice_of(r)->todo);
}

static const struct advice reported_advice = {NULL, NULL, "Report", "about",
					      NULL};

/* Where the records are and when they were seen: ": 3 records between A
 * and B", ": at A". */
static void put_records(struct buf *b, const struct problem_facts *f)
{
	bool span = f->first[0] && f->last[0] && strcmp(f->first, f->last);

	if (f->count < 2 && !f->first[0])
		return;
	buf_puts(b, ":");
	if (f->count >= 2)
		buf_printf(b, " %u records", f->count);
	if (span)
		buf_printf(b, " between %s and %s", f->first, f->last);
	else if (f->first[0])
		buf_printf(b, " at %s", f->first);
}

char *advice_problem(const struct report *r, const struct problem_facts *f)
{
	const struct advice *a = advice_find(r->category, r->type);
	struct buf b = BUF_INIT;

	/* A report the analysis could not place but whose fields name a
	 * kind is still about its address; so is one that names an
	 * offender, as its summary says (advice_of()). */
	if (!a->preposition[0])
		a = f->kind[0] ? &reported_advice : advice_of(r);
	/* The offenders, as the summary counts them; with none, the
	 * addresses the report names, or our host that was attacked. */
	size_t n;
	const struct report_ip *first = first_offender(r, &n);
	const struct report_ip *victim = r->no_report ? NULL : victim_of(r);
	if (!first && r->n_ips) {
		first = &r->ips[0];
		n = r->n_ips;
	}
	if (victim) {
		char *v = victim_summary(victim, a);
		buf_puts(&b, v);
		free(v);
		first = NULL;
		n = 1;
	} else {
		buf_puts(&b, a->what);
	}
	if (first && a->preposition[0]) {
		buf_printf(&b, " %s %s", a->preposition, first->text);
		if (f->port[0])
			buf_printf(&b, " port %s%s%s", f->port,
				   f->proto[0] ? "/" : "", f->proto);
		if (n > 1)
			buf_printf(&b, " and %zu more", n - 1);
	}
	/* A name is one host's: with more addresses it may be another's. */
	if (f->site[0] && n <= 1)
		buf_printf(&b, ", domain %s", f->site);
	if (f->kind[0])
		buf_printf(&b, ", reported as %s", f->kind);
	put_records(&b, f);
	return buf_steal(&b);
}
