/* report.h: the facts derived from one abuse mail — what the store keeps and
 * the screens show. Produced by analysis_run() (analysis/analyze.h). All
 * strings are UTF-8 straight from the mail: not yet terminal-safe. */
#ifndef ANALYSIS_REPORT_H
#define ANALYSIS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bumped whenever the analysis changes what it derives; the store then
 * re-derives every report from the raw messages it keeps. */
#define ANALYZER_VERSION 31

/* Room for the longest canonical IPv6 text + NUL (core/ip.h: IP_TEXT_MAX). */
#define REPORT_IP_TEXT_MAX 46

enum report_format {
	REPORT_FORMAT_UNKNOWN,
	REPORT_FORMAT_ARF,
	REPORT_FORMAT_XARF,
	REPORT_FORMAT_ACNS,
	REPORT_FORMAT_SHADOWSERVER,
	REPORT_FORMAT_SPAMCOP,
	REPORT_FORMAT_FAIL2BAN,
	REPORT_FORMAT_FORWARDED,
	REPORT_FORMAT_PLAIN,
};

enum report_unsub {
	REPORT_UNSUB_NONE,
	REPORT_UNSUB_HTTPS,
	REPORT_UNSUB_MAILTO,
	REPORT_UNSUB_REPLY, /* "reply with REMOVE in the subject" */
};

/* How much of the mail the analysis read. A message it could not read
 * at all is kept all the same, with empty facts and the reason. */
enum report_analysis {
	REPORT_ANALYSIS_FULL,
	REPORT_ANALYSIS_PARTIAL, /* a cap left part of the mail unread */
	REPORT_ANALYSIS_NONE,	 /* not analysed; analysis_note says why */
};

/* What an address is to the report: the one that misbehaved, the one
 * that was attacked (often the reporter's own machine, or ours when a
 * customer tells of an attack on it), or one only named along the way
 * (a command-and-control server, a relay). */
enum report_ip_role {
	REPORT_IP_OFFENDER,
	REPORT_IP_VICTIM,
	REPORT_IP_MENTIONED,
};

/* One method's result in our own mail server's Authentication-Results
 * (RFC 8601), ordered from best to worst so that the worst of several
 * is the largest. ABSENT: our server gave none for the method. */
enum report_auth_result {
	REPORT_AUTH_ABSENT,
	REPORT_AUTH_PASS,
	REPORT_AUTH_NONE,
	REPORT_AUTH_NEUTRAL,
	REPORT_AUTH_POLICY,
	REPORT_AUTH_TEMPERROR,
	REPORT_AUTH_PERMERROR,
	REPORT_AUTH_SOFTFAIL,
	REPORT_AUTH_FAIL,
};

/* Whether the sender is who the From: says (analysis/authres.h has the
 * rule). UNKNOWN also when no authserv_id is configured. */
enum report_auth_verdict {
	REPORT_AUTH_UNKNOWN,
	REPORT_AUTH_VERIFIED,
	REPORT_AUTH_NOT_VERIFIED,
};

struct report_ip {
	char text[REPORT_IP_TEXT_MAX]; /* canonical (RFC 5952) */
	/* The report is grouped under it: inside [networks] own; with no
	 * list set, an offender. */
	bool in_scope;
	enum report_ip_role role;
};

struct report_attachment {
	char *name;  /* may be NULL */
	char *type;  /* "text/csv" */
	size_t size; /* decoded bytes */
};

struct report {
	/* Outer message headers, decoded (RFC 2047) to UTF-8. */
	char *message_id; /* without <> */
	char *from_addr;
	char *from_name;
	char *reply_to;
	char *subject;
	int64_t date; /* Unix time of the Date: header, 0 when missing */
	bool auto_submitted;
	/* "Auto-Submitted: auto-replied" (RFC 3834): an answer to a mail,
	 * never a report of its own making. */
	bool auto_replied;

	/* What the analysis derived. */
	enum report_format format;
	char *reporter;		 /* registrable domain: "spamcop.net" */
	char *original_reporter; /* for forwarded reports */
	char *category;		 /* XARF v4: "copyright", ..., "other" */
	char *type;		 /* "p2p", "spam", ..., "other" */
	char *problem;		 /* the sentence that says what happened */
	bool problem_derived;	 /* problem is the program's own sentence,
				    written from the report's fields */
	char *action;		 /* the concrete request, NULL if none */
	/* An acknowledgement, an auto-reply, a closed case or a newsletter:
	 * no report, whatever addresses it names. */
	bool no_report;
	/* It forwards our own words back to us (a customer sends on our
	 * support's answer): the copy below is quoted, not a report. */
	bool forwards_ours;
	char *case_ref;	       /* reporter's ticket/case id */
	struct report_ip *ips; /* most relevant first */
	size_t n_ips;
	bool ips_truncated; /* more addresses were named than kept */
	char **evidence;    /* log lines that carry the IP and a time */
	size_t n_evidence;
	char *
	    *noise_signals; /* "auto-submitted", "reminder", "no-action", ... */
	size_t n_noise_signals;
	enum report_unsub unsub_method;
	char *unsub_target; /* URL, mailto address, or the subject to reply with
			     */
	bool unsub_one_click; /* List-Unsubscribe-Post: One-Click */
	char *unsub_address;  /* REPLY: the address the instruction names;
				 NULL: reply to Reply-To or From */
	struct report_attachment *attachments;
	size_t n_attachments;
	/* The WHY of the known bulk reporter whose signature the mail
	 * carries (analysis/bulk.h), NULL when none. */
	char *bulk;

	/* Who wrote it, as the noise rule weighs it (noise_judge()): sent by
	 * a machine in bulk (no request, a copyright notice, auto-submitted,
	 * bulk or reminder signals), or written by a person (plain prose or
	 * a forward). */
	bool automated;
	bool human;

	/* How soon it wants handling (analysis/urgency.h): the harm its
	 * kind of abuse does, 0 (no report at all) to 7, and whether the
	 * reporter sets a time limit. */
	int harm;
	bool deadline;

	/* What our own mail server's Authentication-Results fields say of
	 * the sender (analysis/authres.h). */
	enum report_auth_result auth_dkim, auth_spf, auth_dmarc;
	enum report_auth_verdict auth_verdict;

	/* The program's own answers, from the facts above (analysis/advice.h):
	 * what the report is about, and the usual next step. Never NULL in a
	 * report from analysis_run() or the store. */
	char *summary;
	char *advice;

	enum report_analysis analysis;
	char *analysis_note; /* why not FULL: "MIME parts nested too deep" */

	/* The decoded readable text of the mail (what the pager shows and
	 * full-text search indexes). */
	char *text;
};

struct report *report_new(void);
void report_free(struct report *r);

const char *report_format_name(enum report_format f);
/* Returns REPORT_FORMAT_UNKNOWN for an unknown name. */
enum report_format report_format_from_name(const char *name);
const char *report_unsub_name(enum report_unsub u);
const char *report_analysis_name(enum report_analysis a);
/* Returns REPORT_ANALYSIS_FULL for an unknown name. */
enum report_analysis report_analysis_from_name(const char *name);
/* Marks r as analysed no further than a, with the reason (copied); the
 * first reason given is kept. */
void report_set_analysis(struct report *r, enum report_analysis a,
			 const char *why);
enum report_unsub report_unsub_from_name(const char *name);
/* "" for REPORT_AUTH_ABSENT, else the RFC 8601 word ("pass", ...). */
const char *report_auth_result_name(enum report_auth_result a);
/* Returns REPORT_AUTH_ABSENT for an unknown name or NULL. */
enum report_auth_result report_auth_result_from_name(const char *name);
/* "unknown", "verified", "not verified". */
const char *report_auth_verdict_name(enum report_auth_verdict v);
/* Returns REPORT_AUTH_UNKNOWN for an unknown name. */
enum report_auth_verdict report_auth_verdict_from_name(const char *name);
const char *report_ip_role_name(enum report_ip_role role);
/* Returns REPORT_IP_OFFENDER for an unknown name. */
enum report_ip_role report_ip_role_from_name(const char *name);

/* Appenders that take a copy of their argument. */
void report_add_ip(struct report *r, const char *canonical, bool in_scope);
void report_add_ip_role(struct report *r, const char *canonical, bool in_scope,
			enum report_ip_role role);
void report_add_evidence(struct report *r, const char *line);
void report_add_noise_signal(struct report *r, const char *signal);
bool report_has_noise_signal(const struct report *r, const char *signal);
void report_add_attachment(struct report *r, const char *name, const char *type,
			   size_t size);

#endif
