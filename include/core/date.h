/* date.h: calendar fields as mail and IMAP write them (a Date: header, an
 * INTERNALDATE) to Unix time, in one place for both. */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#include <stdint.h>

/* Unix time of the date; zone is +HHMM as an int (-0500 is -500). A year
 * or zone no real date has (libetpan reads them without a bound: a year
 * past 9999, a zone past +-9959) gives 0, unknown, never an overflow. */
int64_t date_to_unix(int year, int month, int day, int hour, int min, int sec,
		     int zone);

#endif
