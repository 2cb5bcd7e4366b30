# gen.awk: turns data/urgency/harm.txt into the rows of urgency.c's harm
# table: {"category/type", RANK}. A line is "RANK name" with RANK from 1
# to 7 and a name of lowercase letters and "_", with one "/" at most; "#"
# starts a comment line.
/^[ \t]*(#|$)/ { next }
{
	if (NF != 2 || $1 !~ /^[1-7]$/ || $2 !~ /^[a-z_]+(\/[a-z_]+)?$/) {
		printf "%s:%d: a line is \"RANK category/type\", RANK from 1 to 7\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (seen[$2]++) {
		printf "%s:%d: %s has a rank already\n", FILENAME, FNR, $2 > "/dev/stderr"
		bad = 1
		exit 1
	}
	printf "{\"%s\", %d},\n", $2, $1
}
END { if (bad) exit 1 }
