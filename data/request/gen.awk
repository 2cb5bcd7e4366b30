# gen.awk: turns the request word files (data/request/LANG.txt) into rows
# of lines.c's word table: {"LANG", LW_KIND, "phrase"}. A line is
# "KIND phrase"; "#" starts a comment; "_" in a phrase stands for a space
# (so that "if_" is "if" as a word of its own). Phrases are lowercase and
# hold no quote or backslash.
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
	sub(/[ \t]+$/, "", phrase)
	gsub(/_/, " ", phrase)
	if (kind !~ /^(ask|soft|strong|verb|not|cond|abbr|abbrend)$/) {
		printf "%s:%d: unknown kind \"%s\"\n", FILENAME, FNR, kind > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (phrase ~ /["\\]/ || length(phrase) < 3 || length(phrase) > 64 || phrase != tolower(phrase)) {
		printf "%s:%d: a phrase is lowercase, 3 to 64 bytes, without quote or backslash\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	printf "{\"%s\", LW_%s, \"%s\"},\n", lang, toupper(kind), phrase
}
END { if (bad) exit 1 }
