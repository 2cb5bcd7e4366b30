/* charset.c: mail text in any charset to clean UTF-8. Labels are often
 * missing or wrong, so the bytes themselves get the last word: valid UTF-8
 * is kept as such, anything else is read as Windows-1252. */
#include "analysis/charset.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <libetpan/libetpan.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Windows-1252 0x80..0x9F; 0 where the code page leaves a hole. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,	    0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	    0x017D, 0,
    0,	    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	    0x017E, 0x0178,
};

static bool label_is(const char *cs, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(cs, *names) == 0)
			return true;
	return false;
}

static const char *const utf8_labels[] = {
    "utf-8",	    "utf8",	 "us-ascii", "ascii",
    "unknown-8bit", "x-unknown", "default",  NULL};

/* Single-byte labels: valid multi-byte UTF-8 under one of these is almost
 * certainly a mislabel, since such byte pairs are rare in real 8-bit text. */
static bool label_single_byte(const char *cs)
{
	return strncasecmp(cs, "iso-8859", 8) == 0 ||
	       strncasecmp(cs, "windows-125", 11) == 0 ||
	       strncasecmp(cs, "cp125", 5) == 0 ||
	       strcasecmp(cs, "latin1") == 0;
}

/* Appends text, normalising line ends and NUL: CR before LF is dropped,
 * NUL becomes a space. Both are found with memchr, and the runs between
 * them are copied whole. */
static void put_clean(struct buf *b, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	const char *cr = memchr(s, '\r', n), *nul = memchr(s, '\0', n);

	while (cr || nul) {
		if (cr && (!nul || cr < nul)) {
			if (cr + 1 < end && cr[1] == '\n') {
				buf_append(b, p, (size_t)(cr - p));
				p = cr + 1;
			}
			cr = memchr(cr + 1, '\r', (size_t)(end - cr - 1));
		} else {
			buf_append(b, p, (size_t)(nul - p));
			buf_putc(b, ' ');
			p = nul + 1;
			nul = memchr(nul + 1, '\0', (size_t)(end - nul - 1));
		}
	}
	buf_append(b, p, (size_t)(end - p));
}

static void put_cp1252(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		char enc[4];

		if (c < 0x80)
			continue;
		put_clean(b, s + start, i - start);
		cp = c < 0xA0 ? cp1252_high[c - 0x80] : c;
		buf_append(b, enc, utf8_encode(cp ? cp : 0xFFFD, enc));
		start = i + 1;
	}
	put_clean(b, s + start, n - start);
}

/* Eight bytes at a time: mail text is mostly ASCII. */
static bool has_high_bytes(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080u)
			return true;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* Converts through iconv (libetpan's charconv); false when the label is
 * unknown or the conversion failed. */
static bool put_converted(struct buf *b, const char *cs, const char *s,
			  size_t n)
{
	char *out = NULL;
	size_t out_len = 0;

	if (charconv_buffer("utf-8", cs, s, n, &out, &out_len) !=
	    MAIL_CHARCONV_NO_ERROR)
		return false;
	put_clean(b, out, out_len);
	charconv_buffer_free(out);
	return true;
}

/* Whether the label asks for iconv: 8-bit text in a non-UTF-8 charset, or
 * a 7-bit encoding that is not ASCII (ISO-2022-JP, UTF-7, UTF-16). */
static bool wants_conversion(const char *cs, bool high, bool valid)
{
	if (!cs || label_is(cs, utf8_labels))
		return false;
	if (high)
		return !(valid && label_single_byte(cs));
	return strncasecmp(cs, "iso-2022", 8) == 0 ||
	       strncasecmp(cs, "utf-7", 5) == 0 ||
	       strncasecmp(cs, "utf-16", 6) == 0 ||
	       strncasecmp(cs, "utf-32", 6) == 0;
}

/* ---- libetpan's conversions ----
 * libetpan converts through charconv(): every Content-Type value (from
 * us-ascii) and every RFC 2047 word, each with an iconv_open() of its
 * own, which costs more than the rest of a small report's header. Nearly
 * all are ASCII or UTF-8 into UTF-8 and need no iconv; this hook (its
 * extended_charconv) copies those, and converts the rest as libetpan
 * would: through iconv, each byte iconv rejects written as "?". */

static bool is_utf8_label(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

static bool is_ascii_label(const char *cs)
{
	return strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

/* Whether s can be copied as it is: already what tocode asks for. */
static bool copies_as_is(const char *tocode, const char *fromcode,
			 const char *s, size_t n)
{
	if (!is_utf8_label(tocode))
		return false;
	if (is_ascii_label(fromcode))
		return !has_high_bytes(s, n);
	return is_utf8_label(fromcode) && utf8_valid(s, n);
}

/* Descriptors kept open for reuse, by any thread: iconv_open() loads the
 * charset's module and iconv_close() unloads it again (a dlopen and a
 * dlclose), which cost more than converting a mail's text. */
enum { CD_KEPT = 16 };

static struct kept_cd {
	char to[16], from[40];
	iconv_t cd;
} kept[CD_KEPT];
static size_t n_kept;
static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;

static bool cd_fits(const char *to, const char *from)
{
	return strlen(to) < sizeof kept[0].to &&
	       strlen(from) < sizeof kept[0].from;
}

static iconv_t cd_take(const char *to, const char *from)
{
	iconv_t cd = (iconv_t)-1;

	pthread_mutex_lock(&kept_mu);
	for (size_t i = 0; i < n_kept; i++)
		if (strcasecmp(kept[i].to, to) == 0 &&
		    strcasecmp(kept[i].from, from) == 0) {
			cd = kept[i].cd;
			kept[i] = kept[--n_kept];
			break;
		}
	pthread_mutex_unlock(&kept_mu);
	if (cd == (iconv_t)-1)
		return iconv_open(to, from);
	iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial state */
	return cd;
}

static void cd_give(const char *to, const char *from, iconv_t cd)
{
	bool keep = false;

	if (cd_fits(to, from)) {
		pthread_mutex_lock(&kept_mu);
		if ((keep = n_kept < CD_KEPT)) {
			struct kept_cd *k = &kept[n_kept++];
			snprintf(k->to, sizeof k->to, "%s", to);
			snprintf(k->from, sizeof k->from, "%s", from);
			k->cd = cd;
		}
		pthread_mutex_unlock(&kept_mu);
	}
	if (!keep)
		iconv_close(cd);
}

/* Labels that mail programs write and iconv does not know, with the
 * charset iconv knows them by: Outlook's Korean "ks_c_5601-1987", the
 * "x-" names of older programs, the names Python's email package writes
 * ("eucgb2312_cn", "big5_tw"), and the supersets that browsers read the
 * common labels as (GB2312 as GB18030, Big5 as Big5-HKSCS), since mail
 * labelled so holds their characters too. */
static const struct {
	const char *label, *iconv_name;
} charset_aliases[] = {
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ks_c_5601", "CP949"},
    {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},
    {"ms949", "CP949"},
    {"x-windows-949", "CP949"},
    {"gb2312", "GB18030"},
    {"eucgb2312_cn", "GB18030"},
    {"x-gbk", "GB18030"},
    {"x-euc-cn", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"big5", "BIG5-HKSCS"},
    {"big5_tw", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},
    {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"},
    {"x-euc-jp", "EUC-JP"},
    {"x-mac-roman", "MACINTOSH"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"unicode-1-1-utf-7", "UTF-7"},
};

static const char *iconv_label(const char *cs)
{
	for (size_t i = 0; i < sizeof charset_aliases / sizeof *charset_aliases;
	     i++)
		if (strcasecmp(cs, charset_aliases[i].label) == 0)
			return charset_aliases[i].iconv_name;
	return cs;
}

static int iconv_into(const char *tocode, const char *fromcode, const char *s,
		      size_t n, char *out, size_t *out_len)
{
	fromcode = iconv_label(fromcode);
	iconv_t cd = cd_take(tocode, fromcode);
	char *in = (char *)s, *o = out;
	size_t il = n, ol = *out_len;

	if (cd == (iconv_t)-1)
		return MAIL_CHARCONV_ERROR_UNKNOWN_CHARSET;
	while (il > 0 && iconv(cd, &in, &il, &o, &ol) == (size_t)-1) {
		if (errno != EILSEQ || ol == 0)
			break; /* a cut sequence at the end, or no room */
		*o++ = '?';
		ol--;
		in++;
		il--;
	}
	iconv(cd, NULL, NULL, &o, &ol);
	cd_give(tocode, fromcode, cd);
	*out_len = (size_t)(o - out);
	return MAIL_CHARCONV_NO_ERROR;
}

/* out has room for *out_len bytes (libetpan gives six per input byte). */
static int fast_charconv(const char *tocode, const char *fromcode,
			 const char *s, size_t n, char *out, size_t *out_len)
{
	if (copies_as_is(tocode, fromcode, s, n)) {
		if (n > *out_len)
			return MAIL_CHARCONV_ERROR_MEMORY;
		memcpy(out, s, n);
		*out_len = n;
		return MAIL_CHARCONV_NO_ERROR;
	}
	return iconv_into(tocode, fromcode, s, n, out, out_len);
}

static pthread_once_t hook_once = PTHREAD_ONCE_INIT;

static void hook_install(void)
{
	extended_charconv = fast_charconv;
}

void charset_init(void)
{
	pthread_once(&hook_once, hook_install);
}

char *charset_to_utf8(const char *charset, const char *s, size_t n,
		      size_t *out_len)
{
	struct buf b = BUF_INIT;
	bool high = has_high_bytes(s, n);
	bool valid = !high || utf8_valid(s, n);

	charset_init();
	buf_reserve(&b, n + 1);
	if (wants_conversion(charset, high, valid) &&
	    put_converted(&b, charset, s, n))
		;
	else if (valid)
		put_clean(&b, s, n);
	else
		put_cp1252(&b, s, n);
	if (out_len)
		*out_len = b.len;
	return buf_steal(&b);
}
