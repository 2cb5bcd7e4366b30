/* fetchfloor.c: the floor of the sync benchmark — LOGIN, SELECT and one
 * `UID FETCH 1:* (BODY.PEEK[])` over a plain socket, every byte read and
 * thrown away, nothing parsed beyond finding the tagged OK. With "quiet"
 * after the mailbox, the floor of a pass with nothing new: LOGIN, EXAMINE
 * and LOGOUT only, what any client must do to learn that.
 *   fetchfloor PORT USER PASS MAILBOX [quiet] -> "bytes=B" (127.0.0.1) */
#include <arpa/inet.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char buf[1 << 18];

/* Reads until a line starting with tag shows up; returns the bytes read
 * or -1. The tail of each read is kept, so a tag split across two reads
 * is found too. */
static long long until_tag(int fd, const char *tag)
{
	char needle[32];
	size_t keep = 0, nl;
	long long total = 0;

	snprintf(needle, sizeof needle, "\n%s ", tag);
	nl = strlen(needle);
	for (;;) {
		ssize_t n = read(fd, buf + keep, sizeof buf - keep);
		size_t have;

		if (n <= 0)
			return -1;
		total += n;
		have = keep + (size_t)n;
		if (memmem(buf, have, needle, nl))
			return total;
		keep = have < nl - 1 ? have : nl - 1;
		memmove(buf, buf + have - keep, keep);
	}
}

static int say(int fd, const char *line)
{
	size_t n = strlen(line);

	return write(fd, line, n) == (ssize_t)n ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	char line[512];
	long long bytes;
	int fd;

	bool quiet = argc == 6 && strcmp(argv[5], "quiet") == 0;

	if (argc != 5 && !quiet) {
		fprintf(stderr,
			"usage: fetchfloor PORT USER PASS MAILBOX [quiet]\n");
		return 2;
	}
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("fetchfloor: connect");
		return 1;
	}
	snprintf(line, sizeof line, "\r\nA1 LOGIN \"%s\" \"%s\"\r\n", argv[2],
		 argv[3]);
	if (say(fd, line + 2) < 0 || until_tag(fd, "A1") < 0)
		return 1;
	snprintf(line, sizeof line, "A2 %s \"%s\"\r\n",
		 quiet ? "EXAMINE" : "SELECT", argv[4]);
	if (say(fd, line) < 0 || (bytes = until_tag(fd, "A2")) < 0)
		return 1;
	if (quiet) {
		if (say(fd, "A4 LOGOUT\r\n") < 0 || until_tag(fd, "A4") < 0)
			return 1;
		close(fd);
		printf("bytes=%lld\n", bytes);
		return 0;
	}
	if (say(fd, "A3 UID FETCH 1:* (BODY.PEEK[])\r\n") < 0 ||
	    (bytes = until_tag(fd, "A3")) < 0)
		return 1;
	say(fd, "A4 LOGOUT\r\n");
	close(fd);
	printf("bytes=%lld\n", bytes);
	return 0;
}
