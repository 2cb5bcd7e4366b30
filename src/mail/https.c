/* https.c: the one-click unsubscribe POST with libcurl. libcurl checks the
 * certificate chain and the host name itself (CURLOPT_SSL_VERIFYPEER and
 * VERIFYHOST, on by default and set on here so that no one turns them off
 * by accident); only https is spoken, also after a redirect. */
#include "mail/https.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HTTPS_MAX_REDIRECTS 3

/* libcurl is loaded when the first POST is made, not linked: it brings
 * some twenty libraries (Kerberos, LDAP, SSH, HTTP/2 ...) whose dynamic
 * linking cost every start of the program about 25 ms, a third of the
 * screen's first frame, for a request few runs make. Only the header's
 * types and constants are used at build time. */
static struct {
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
} curl;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static bool curl_ready;
static char curl_why[200];

/* POSIX's way from dlsym()'s object pointer to a function pointer. */
static bool sym(void *lib, const char *name, void *fn)
{
	void *p = dlsym(lib, name);

	if (p)
		memcpy(fn, &p, sizeof p);
	else
		snprintf(curl_why, sizeof curl_why, "libcurl lacks %s", name);
	return p != NULL;
}

static void curl_load(void)
{
	static const char *const names[] = {"libcurl-gnutls.so.4",
					    "libcurl.so.4"};
	void *lib = NULL;

	for (size_t i = 0; !lib && i < sizeof names / sizeof names[0]; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(curl_why, sizeof curl_why, "%s", dlerror());
		return;
	}
	if (!sym(lib, "curl_global_init", &curl.global_init) ||
	    !sym(lib, "curl_global_cleanup", &curl.global_cleanup) ||
	    !sym(lib, "curl_easy_init", &curl.easy_init) ||
	    !sym(lib, "curl_easy_setopt", &curl.easy_setopt) ||
	    !sym(lib, "curl_easy_perform", &curl.easy_perform) ||
	    !sym(lib, "curl_easy_getinfo", &curl.easy_getinfo) ||
	    !sym(lib, "curl_easy_cleanup", &curl.easy_cleanup) ||
	    !sym(lib, "curl_easy_strerror", &curl.easy_strerror) ||
	    !sym(lib, "curl_slist_append", &curl.slist_append) ||
	    !sym(lib, "curl_slist_free_all", &curl.slist_free_all))
		return;
	if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(curl_why, sizeof curl_why, "its global init failed");
		return;
	}
	curl_ready = true;
}

static int curl_start(struct err *e)
{
	pthread_once(&curl_once, curl_load);
	if (!curl_ready)
		return err_set(e, "cannot load libcurl: %s", curl_why);
	return 0;
}

void https_cleanup(void)
{
	if (curl_ready)
		curl.global_cleanup();
}

/* The answer's body is of no interest: read and dropped. */
static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	(void)ctx;
	return size * n;
}

static int setup(CURL *c, const struct https_post *p, char *errbuf)
{
	int bad = 0;

	bad |= curl.easy_setopt(c, CURLOPT_URL, p->url);
	bad |= curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR,
				p->allow_http ? "http,https" : "https");
	bad |= curl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	bad |= curl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	bad |=
	    curl.easy_setopt(c, CURLOPT_MAXREDIRS, (long)HTTPS_MAX_REDIRECTS);
	/* A redirected one-click request is still a POST (RFC 8058). */
	bad |=
	    curl.easy_setopt(c, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
	bad |= curl.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	bad |= curl.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (p->ca_file)
		bad |= curl.easy_setopt(c, CURLOPT_CAINFO, p->ca_file);
	bad |= curl.easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
	bad |=
	    curl.easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(p->body));
	bad |= curl.easy_setopt(c, CURLOPT_USERAGENT, HTTPS_USER_AGENT);
	bad |= curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)HTTPS_TIMEOUT);
	bad |= curl.easy_setopt(c, CURLOPT_TIMEOUT, (long)HTTPS_TIMEOUT);
	/* Threads: no SIGALRM for the timeouts. */
	bad |= curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	bad |= curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	bad |= curl.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	return bad ? -1 : 0;
}

/* Failures that the same request would meet again. */
static bool lasting_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		return true;
	default:
		return false;
	}
}

int https_post(const struct https_post *p, long *status, bool *lasting,
	       struct err *e)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *h;
	CURL *c;
	CURLcode rc;

	*status = 0;
	*lasting = true;
	if (strncasecmp(p->url, "https://", 8) != 0 &&
	    !(p->allow_http && strncasecmp(p->url, "http://", 7) == 0))
		return err_set(e, "%.200s: only https is used", p->url);
	if (curl_start(e) < 0)
		return -1;
	if (!(c = curl.easy_init()))
		return err_set(e, "cannot start an HTTPS request");
	h = curl.slist_append(
	    NULL, "Content-Type: application/x-www-form-urlencoded");
	if (!h || setup(c, p, errbuf) < 0 ||
	    curl.easy_setopt(c, CURLOPT_HTTPHEADER, h) != CURLE_OK) {
		curl.slist_free_all(h);
		curl.easy_cleanup(c);
		return err_set(e, "cannot set up an HTTPS request (libcurl "
				  "lacks a needed option)");
	}
	rc = curl.easy_perform(c);
	if (rc == CURLE_OK)
		curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl.slist_free_all(h);
	curl.easy_cleanup(c);
	*lasting = lasting_failure(rc);
	/* The URL itself was checked above: only a redirect gets here. */
	if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		return err_set(e,
			       "%.160s: redirected to an address that is not "
			       "https; not followed",
			       p->url);
	if (rc != CURLE_OK)
		return err_set(e, "%.120s: %.120s", p->url,
			       errbuf[0] ? errbuf : curl.easy_strerror(rc));
	return 0;
}
