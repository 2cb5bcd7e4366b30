# conf.sh: the program's user inside the test's folder, and the parts of
# its configuration that point at the harness servers.
#   harness_user_home   HOME, XDG_CONFIG_HOME and XDG_DATA_HOME under
#                       HARNESS_DIR (made), and files made from now on
#                       private (umask 077), as the program wants its own
#   harness_conf_imap   prints the [imap] section: the harness Dovecot over
#                       implicit TLS, its CA trusted, polled every minute
#   harness_conf_smtp   prints the [smtp] section: the harness SMTP sink,
#                       STARTTLS, its CA trusted

harness_user_home()
{
	export HOME=$HARNESS_DIR/home XDG_CONFIG_HOME=$HARNESS_DIR/config
	export XDG_DATA_HOME=$HARNESS_DIR/data
	mkdir -p "$HOME"
	umask 077
}

harness_conf_imap()
{
	cat <<CFG
[imap]
host = localhost
port = $HARNESS_IMAPS_PORT
tls = implicit
user = $HARNESS_USER
ca_file = $HARNESS_CA
poll_interval = 60

CFG
}

harness_conf_smtp()
{
	cat <<CFG
[smtp]
host = localhost
port = $HARNESS_SMTP_PORT
tls = starttls
ca_file = $HARNESS_CA

CFG
}
