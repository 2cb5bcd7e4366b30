/* https.c: the one-click unsubscribe POST with libcurl. libcurl checks the
 * certificate chain and the host name itself (CURLOPT_SSL_VERIFYPEER and
 * VERIFYHOST, on by default and set on here so that no one turns them off
 * by accident); only https is spoken, also after a redirect. */
#include "mail/https.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

#define HTTPS_MAX_REDIRECTS 3

int https_global_init(struct err *e)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);

	if (rc != CURLE_OK)
		return err_set(e, "cannot start libcurl: %s",
			       curl_easy_strerror(rc));
	return 0;
}

void https_global_cleanup(void)
{
	curl_global_cleanup();
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

	bad |= curl_easy_setopt(c, CURLOPT_URL, p->url);
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
				p->allow_http ? "http,https" : "https");
	bad |= curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	bad |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	bad |=
	    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)HTTPS_MAX_REDIRECTS);
	/* A redirected one-click request is still a POST (RFC 8058). */
	bad |=
	    curl_easy_setopt(c, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
	bad |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	bad |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (p->ca_file)
		bad |= curl_easy_setopt(c, CURLOPT_CAINFO, p->ca_file);
	bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
	bad |=
	    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(p->body));
	bad |= curl_easy_setopt(c, CURLOPT_USERAGENT, HTTPS_USER_AGENT);
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)HTTPS_TIMEOUT);
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)HTTPS_TIMEOUT);
	/* Threads: no SIGALRM for the timeouts. */
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
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
	if (!(c = curl_easy_init()))
		return err_set(e, "cannot start an HTTPS request");
	h = curl_slist_append(
	    NULL, "Content-Type: application/x-www-form-urlencoded");
	if (!h || setup(c, p, errbuf) < 0 ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h) != CURLE_OK) {
		curl_slist_free_all(h);
		curl_easy_cleanup(c);
		return err_set(e, "cannot set up an HTTPS request (libcurl "
				  "lacks a needed option)");
	}
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	*lasting = lasting_failure(rc);
	/* The URL itself was checked above: only a redirect gets here. */
	if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		return err_set(e,
			       "%.160s: redirected to an address that is not "
			       "https; not followed",
			       p->url);
	if (rc != CURLE_OK)
		return err_set(e, "%.120s: %.120s", p->url,
			       errbuf[0] ? errbuf : curl_easy_strerror(rc));
	return 0;
}
