/* proctime.c: runs a command and writes its whole-process wall time and
 * peak resident set size to a file, for benchmarks whose command owns the
 * terminal (stdout is the screen, so the figures cannot go there).
 *   proctime OUT CMD [ARGS...]  ->  OUT: "wall_ms=12.3 rss_kb=4567 status=0" */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double t0;
	int status = 0;
	pid_t pid;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: proctime OUT CMD [ARGS...]\n");
		return 2;
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0)
		return perror("proctime: fork"), 1;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return perror("proctime: wait4"), 1;
	f = fopen(argv[1], "w");
	if (!f)
		return perror(argv[1]), 1;
	fprintf(f, "wall_ms=%.1f rss_kb=%ld status=%d\n", now_ms() - t0,
		ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status)
				  : 128 + WTERMSIG(status));
	return fclose(f) != 0;
}
