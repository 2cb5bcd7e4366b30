# gen.awk: turns the role words (data/roles/*.txt) into the tables of
# ipscan.c and columns.c. A line is tab-separated, "#" starts a comment
# line:
#   cue<TAB>left|right<TAB>offender|victim|mentioned<TAB>WEIGHT<TAB>phrase
#   column<TAB>offender|victim|mentioned|other|version|subject<TAB>name
#   finding|participle|passive|version|whois|header|own|link|range|and|yours|public|agent|byname|agentprep|agentpost|yourshost<TAB>word
# A phrase is lowercase, 1 to 64 bytes (a cue 2 or more), without quote,
# backslash or a blank at its end; a final "_" stands for a space ("to_"
# is "to" as a word of its own), so that no editor drops it. An
# offender cue raises the score (WEIGHT > 0), a victim or mentioned one
# lowers it (WEIGHT < 0). -v only=KIND prints the rows of one table:
# "cue" as {"phrase", WEIGHT, LEFT, W} (V for a victim), the others as
# "word", (a column kind as column_ROLE).
BEGIN {
	FS = "\t"
	if (only == "") {
		print "gen.awk: set -v only=KIND" > "/dev/stderr"
		exit 1
	}
}
function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
	exit 1
}
function check(phrase, min) {
	if (length(phrase) < min || length(phrase) > 64 || phrase != tolower(phrase) || phrase ~ /["\\]/ || phrase ~ /[ \t]$/)
		fail("a phrase is lowercase, " min " to 64 bytes, without quote, backslash or a blank at its end")
	sub(/_$/, " ", phrase)
	return phrase
}
/^[ \t]*(#|$)/ { next }
$1 == "cue" {
	if (NF != 5 || $2 !~ /^(left|right)$/ || $3 !~ /^(offender|victim|mentioned)$/ || $4 !~ /^-?[0-9]+$/)
		fail("a cue is \"cue<TAB>left|right<TAB>offender|victim|mentioned<TAB>WEIGHT<TAB>phrase\"")
	if (($3 == "offender") != ($4 > 0))
		fail("an offender cue raises the score, a victim or mentioned one lowers it")
	phrase = check($5, 2)
	if (only == "cue")
		printf "{\"%s\", %d, %s, %s},\n", phrase, $4, toupper($2), $3 == "victim" ? "V" : "W"
	next
}
$1 == "column" {
	if (NF != 3 || $2 !~ /^(offender|victim|mentioned|other|version|subject)$/)
		fail("a column is \"column<TAB>offender|victim|mentioned|other|version|subject<TAB>name\"")
	if ($3 !~ /^[a-z0-9]+$/)
		fail("a column name is lowercase letters and digits, without punctuation")
	if (only == "column_" $2)
		printf "\"%s\",\n", $3
	next
}
$1 ~ /^(finding|participle|passive|version|whois|header|own|link|range|and|yours|public|agent|byname|agentprep|agentpost|yourshost)$/ {
	if (NF != 2)
		fail("a word is \"KIND<TAB>word\"")
	# ipscan.c looks the own words and the yours phrases up by their
	# first two bytes.
	phrase = check($2, $1 ~ /^(own|yours)$/ ? 2 : 1)
	if (only == $1)
		printf "\"%s\",\n", phrase
	next
}
{ fail("unknown kind \"" $1 "\"") }
END { if (bad) exit 1 }
