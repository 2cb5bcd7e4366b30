/* jsonscan.c: the addresses of a JSON document (a JSON attachment or
 * body, or JSON lines, one object a line) by the names of their keys, as
 * a table's are by its column names: "src_ip" and "attacker" name the
 * offender, "dest_ip" and "target" the attacked side, "c2" and "sensor"
 * neither. A key that names no side ("ip", "ips") takes its parent's
 * ("destination": {"ip": ...}). The words of a key are not prose: a
 * "scanner_ips" key says nothing of who scanned whom. A value that is
 * prose ("description": "attacks from ADDR on our site") is read as prose. */
#include "jsonscan.h"

#include "columns.h"

#include <jansson.h>
#include <string.h>

/* Deeper than any report nests; a bound for hostile input. */
#define JSON_MAX_DEPTH 16
/* A parsed document takes several times its text in memory: a larger one
 * is scanned as text, within the analysis' memory bound. */
#define JSON_MAX_BYTES (4u << 20)

struct json_scan {
	struct ip_cands *c;
	int base;
};

struct value_sink {
	struct json_scan *js;
	int role;
};

static bool add_value_address(const struct ip_addr *a, void *arg)
{
	struct value_sink *v = arg;

	ipscan_add_column(v->js->c, a, v->js->base, v->role);
	return v->js->c->mentions >= IPSCAN_MAX_MENTIONS;
}

static bool is_prose(const char *s, size_t n)
{
	return memchr(s, ' ', n) != NULL;
}

static void scan_string(struct json_scan *js, json_t *v, int role)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	struct value_sink sink = {js, role};

	if (is_prose(s, n))
		ipscan_text(js->c, s, n, js->base);
	else
		ipscan_find(s, n, add_value_address, &sink);
}

/* The side a key names; a key of no side keeps the side around it. */
static int key_side(const char *key, int outer)
{
	int role = columns_name_role(key, strlen(key));

	if (role == COLUMN_ROLE_NONE || role == COLUMN_ROLE_SUBJECT)
		return outer != COLUMN_ROLE_NONE ? outer : role;
	return role;
}

static void walk(struct json_scan *js, json_t *v, int role, int depth)
{
	const char *k;
	json_t *m;

	if (depth > JSON_MAX_DEPTH || js->c->mentions >= IPSCAN_MAX_MENTIONS)
		return;
	if (json_is_string(v))
		scan_string(js, v, role);
	for (size_t i = 0; i < json_array_size(v); i++)
		walk(js, json_array_get(v, i), role, depth + 1);
	/* (Nothing for what is not an object.) */
	json_object_foreach(v, k, m)
	{
		int side = key_side(k, role);
		if (side != COLUMN_ROLE_VERSION)
			walk(js, m, side, depth + 1);
	}
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
	while (i < len &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* The documents of text, one after another (a JSON document, or JSON
 * lines); NULL when any part of it is not JSON. */
static json_t *documents(const char *text, size_t len)
{
	json_t *all = json_array();
	size_t i = skip_space(text, len, 0);

	while (i < len) {
		json_error_t err;
		json_t *j =
		    json_loadb(text + i, len - i,
			       JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err);
		if (!j || !(json_is_object(j) || json_is_array(j)) ||
		    err.position <= 0) {
			json_decref(j);
			json_decref(all);
			return NULL;
		}
		json_array_append_new(all, j);
		i = skip_space(text, len, i + (size_t)err.position);
	}
	return all;
}

bool jsonscan_text(struct ip_cands *c, const char *text, size_t len, int base)
{
	size_t i = skip_space(text, len, 0);
	struct json_scan js = {c, base};
	json_t *docs;

	if (i == len || len > JSON_MAX_BYTES ||
	    (text[i] != '{' && text[i] != '['))
		return false;
	docs = documents(text + i, len - i);
	if (!docs)
		return false;
	walk(&js, docs, COLUMN_ROLE_NONE, 0);
	json_decref(docs);
	if (c->mentions >= IPSCAN_MAX_MENTIONS)
		c->truncated = true;
	return true;
}
