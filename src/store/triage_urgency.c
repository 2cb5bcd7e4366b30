/* triage_urgency.c: the rule that orders the group list — a group's
 * urgency from the facts of the reports that count for it — and the mark
 * the list shows for it. abusedesk(1), URGENCY, says the same in words. */
#include "analysis/urgency.h"
#include "store/triage.h"

/* Repetition: this many reporters, or this many reports. */
enum { SEVERAL_REPORTERS = 2, SEVERAL_REPORTS = 3 };

int triage_urgency(const struct triage_urgency_in *in)
{
	int raise = 0;

	if (in->harm <= 0 || in->n_reports <= 0)
		return 0;
	raise += in->human;
	raise += in->deadline;
	raise += in->n_reporters >= SEVERAL_REPORTERS ||
		 in->n_reports >= SEVERAL_REPORTS;
	return in->harm * TRIAGE_URGENCY_STEP + raise;
}

_Static_assert(TRIAGE_URGENCY_STEP > 3, "three raises stay below the next");

/* The harm rank as a digit, "+" when raised: the marks read in the same
 * order as the list. */
const char *triage_urgency_mark(int urgency)
{
	static const char *const marks[][2] = {
	    {"  ", "  "}, {"1 ", "1+"}, {"2 ", "2+"}, {"3 ", "3+"},
	    {"4 ", "4+"}, {"5 ", "5+"}, {"6 ", "6+"}, {"7 ", "7+"},
	};
	int harm = urgency / TRIAGE_URGENCY_STEP;

	_Static_assert(sizeof marks / sizeof marks[0] == URGENCY_HARM_MAX + 1,
		       "a mark for each harm rank");
	if (harm <= 0)
		return marks[0][0];
	if (harm > URGENCY_HARM_MAX)
		harm = URGENCY_HARM_MAX;
	return marks[harm][urgency % TRIAGE_URGENCY_STEP > 0];
}
