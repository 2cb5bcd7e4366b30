# gen.awk: turns the word files of lines.c (data/request/LANG.txt and
# data/problem/LANG.txt) into rows of its word tables: {"LANG", LW_KIND,
# "phrase"}. A line is "KIND phrase"; "#" starts a comment; "_" in a
# phrase stands for a space (so that "if_" is "if" as a word of its own).
# Phrases are lowercase and hold no quote or backslash. The kinds allowed
# come in -v kinds=RE (the request kinds when not given), -v only=RE keeps
# the rows of those kinds alone, and -v min=N sets the shortest phrase (3
# bytes when not given). A "problem" line carries a weight before its
# phrase ("problem -6 dear"), which becomes the row's fourth member.
BEGIN {
	if (kinds == "")
		kinds = "ask|soft|strong|verb|not|cond|abbr|abbrend"
	if (min == "")
		min = 3
}
FNR == 1 {
	lang = FILENAME
	sub(/.*\//, "", lang)
	sub(/\.txt$/, "", lang)
}
/^[ \t]*(#|$)/ { next }
{
	kind = $1
	phrase = $0
	sub(/^[ \t]*[^ \t]+[ \t]+/, "", phrase)
	weight = ""
	if (kind == "problem") {
		weight = $2
		sub(/^[^ \t]+[ \t]+/, "", phrase)
		if (weight !~ /^-?[0-9]+$/) {
			printf "%s:%d: a problem word has a weight: \"problem 3 phrase\"\n", FILENAME, FNR > "/dev/stderr"
			bad = 1
			exit 1
		}
	}
	sub(/[ \t]+$/, "", phrase)
	gsub(/_/, " ", phrase)
	if (kind !~ ("^(" kinds ")$")) {
		printf "%s:%d: unknown kind \"%s\"\n", FILENAME, FNR, kind > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (phrase ~ /["\\]/ || length(phrase) < min || length(phrase) > 64 || phrase != tolower(phrase)) {
		printf "%s:%d: a phrase is lowercase, %d to 64 bytes, without quote or backslash\n", FILENAME, FNR, min > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (only != "" && kind !~ ("^(" only ")$"))
		next
	if (weight != "")
		printf "{\"%s\", LW_%s, \"%s\", %d},\n", lang, toupper(kind), phrase, weight
	else
		printf "{\"%s\", LW_%s, \"%s\"},\n", lang, toupper(kind), phrase
}
END { if (bad) exit 1 }
