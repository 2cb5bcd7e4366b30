/* date.c: calendar fields to Unix time, bounded against hostile numbers. */
#include "core/date.h"

#include <time.h>

int64_t date_to_unix(int year, int month, int day, int hour, int min, int sec,
		     int zone)
{
	struct tm tm = {0};
	int z = zone < 0 ? -zone : zone;
	int64_t off;

	if (year < 0 || year > 9999 || zone < -9959 || zone > 9959)
		return 0;
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	off = (int64_t)(z / 100) * 3600 + (z % 100) * 60;
	return (int64_t)timegm(&tm) - (zone < 0 ? -off : off);
}
