# gen.awk: turns the word files of the classification (data/category/
# LANG.txt, lines of "category/type<TAB>weight<TAB>phrase") into rows of
# classify.c's word table: {"phrase", {"category", "type"}, weight}.
# "#" starts a comment line; the phrase is taken as written (a trailing
# space included), lowercase, at most 64 bytes.
BEGIN { FS = "\t" }
/^[ \t]*(#|$)/ { next }
{
	if (NF != 3 || $1 !~ /^[a-z0-9_]+\/[a-z0-9_]+$/ || $2 !~ /^[0-9]+$/) {
		printf "%s:%d: a line is \"category/type<TAB>weight<TAB>phrase\"\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	phrase = $3
	if (length(phrase) < 2 || length(phrase) > 64 || phrase != tolower(phrase) || phrase ~ /\\/) {
		printf "%s:%d: a phrase is lowercase, 2 to 64 bytes, without backslash\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	gsub(/"/, "\\\"", phrase)
	split($1, ct, "/")
	printf "{\"%s\", {\"%s\", \"%s\"}, %d},\n", phrase, ct[1], ct[2], $2
}
END { if (bad) exit 1 }
