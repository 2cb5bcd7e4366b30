# gen.awk: turns the word files of the analysis (data/request/LANG.txt and
# data/problem/LANG.txt for lines.c, data/deadline/LANG.txt for
# urgency.c) into rows of their word tables: {"LANG", LW_KIND, "phrase"}.
# A line is "KIND phrase"; "#" starts a comment line; "_" in a
# phrase stands for a space (so that "if_" is "if" as a word of its own).
# Phrases are lowercase and hold no quote or backslash. The kinds allowed
# come in -v kinds=RE (the request kinds when not given), -v only=RE keeps
# the rows of those kinds alone, -v min=N sets the shortest phrase (3
# bytes when not given) and -v prefix=P the enum prefix (LW_). A "problem",
# "where", "owner" or "risk" line carries a weight before its phrase ("problem -6 dear"),
# which becomes the row's fourth member. A "deadline" phrase starts with a word,
# not with one of its placeholders "#" and "@". A phrase with an
# apostrophe, a Persian yeh or kaf, or a Romanian letter with a comma below
# is listed in its other spellings too.
BEGIN {
	if (kinds == "")
		kinds = "ask|soft|strong|verb|not|cond|reply|imp|frame|condopen|threat|mask|lead|abbr|abbrend|actkey|ordinal"
	if (min == "")
		min = 3
	if (prefix == "")
		prefix = "LW_"
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
	if (kind ~ /^(problem|weak|where|owner|risk)$/) {
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
	# An abbreviation may be a letter and its dot ("v."); an ordinal's
	# word two letters ("am").
	shortest = kind ~ /^(abbr|ordinal)/ ? 2 : min
	if (phrase ~ /["\\]/ || length(phrase) < shortest || length(phrase) > 64 || phrase != tolower(phrase)) {
		printf "%s:%d: a phrase is lowercase, %d to 64 bytes, without quote or backslash\n", FILENAME, FNR, shortest > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (kind == "deadline" && phrase ~ /^[#@]/) {
		printf "%s:%d: a deadline phrase starts with a word\n", FILENAME, FNR > "/dev/stderr"
		bad = 1
		exit 1
	}
	# A problem word in two files would count twice in one sentence.
	if ((kind ~ /^(problem|weak|where|owner|risk)$/) && (phrase in problem_at)) {
		printf "%s:%d: problem word \"%s\" is already in %s\n", FILENAME, FNR, phrase, problem_at[phrase] > "/dev/stderr"
		bad = 1
		exit 1
	}
	if (kind ~ /^(problem|weak|where|owner|risk)$/)
		problem_at[phrase] = FILENAME
	if (only != "" && kind !~ ("^(" only ")$"))
		next
	emit(phrase)
	# Uzbek and Azerbaijani write the apostrophe of "o'" several ways
	# ("qo\342\200\230ysangiz"); Persian mail from older programs the
	# Arabic yeh and kaf for the Persian ones: each phrase is listed in
	# every way it is met.
	if (index(phrase, "'")) {
		v = phrase; gsub(/'/, "\342\200\230", v); emit(v)
		v = phrase; gsub(/'/, "\342\200\231", v); emit(v)
		v = phrase; gsub(/'/, "\312\273", v); emit(v)
	}
	if (index(phrase, "\333\214") || index(phrase, "\332\251")) {
		v = phrase
		gsub(/\333\214/, "\331\212", v)
		gsub(/\332\251/, "\331\203", v)
		emit(v)
		# Urdu mail mixes them: the Arabic yeh beside the Persian
		# kaf ("کريں").
		v = phrase; gsub(/\333\214/, "\331\212", v); emit(v)
		v = phrase; gsub(/\332\251/, "\331\203", v); emit(v)
	}
	# Romanian is written with the comma below (\310\231 \310\233) or,
	# from older keyboards, the cedilla (\305\237 \305\243).
	if (index(phrase, "\310\231") || index(phrase, "\310\233")) {
		v = phrase
		gsub(/\310\231/, "\305\237", v)
		gsub(/\310\233/, "\305\243", v)
		emit(v)
	}
}
function emit(text) {
	if ((lang, kind, text) in emitted)
		return
	emitted[lang, kind, text] = 1
	if (weight != "")
		printf "{\"%s\", %s%s, \"%s\", %d},\n", lang, prefix, toupper(kind), text, weight
	else
		printf "{\"%s\", %s%s, \"%s\"},\n", lang, prefix, toupper(kind), text
}
END { if (bad) exit 1 }
