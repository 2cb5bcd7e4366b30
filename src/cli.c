/* cli.c: helpers the commands share — opening the cache the command line
 * names. */
#include "cli.h"
#include "core/err.h"
#include "store/store.h"

struct store *cli_open_store(const struct cli *c)
{
	struct err e = {{0}};
	struct store *s;

	if (!c->db_path) {
		cli_error("no cache database: give --db FILE");
		return NULL;
	}
	s = store_open(c->db_path, &e);
	if (!s)
		cli_error("%s", e.msg);
	return s;
}
