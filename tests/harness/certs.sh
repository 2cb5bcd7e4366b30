# certs.sh: a throwaway CA and server certificates for the TLS tests.
# harness_certs makes, under $HARNESS_DIR/certs (EC P-256, so it is fast):
#   ca.pem               the test CA                       HARNESS_CA
#   server.pem/.key      CA-signed, DNS:localhost + IP:127.0.0.1
#   wrong.pem/.key       CA-signed, DNS:wrong.example only
#   self.pem/.key        self-signed, DNS:localhost + IP:127.0.0.1,
#                        SHA-256 in HARNESS_SELF_FINGERPRINT (AA:BB:... form)
# Tests connect with the host name "localhost" (HARNESS_HOST), which
# resolves to 127.0.0.1 here; the IP SAN lets "127.0.0.1" work as well.

harness_openssl_conf()
{
	cat <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1
[wrong]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:wrong.example
[self]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = DNS:localhost, IP:127.0.0.1
EOF
}

harness_key()
{
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$1" 2>/dev/null
}

# Signs NAME.key with the CA, CN and extensions from section NAME.
harness_cert_signed()
{
	local d=$1 name=$2 cn=$3

	harness_key "$d/$name.key" &&
		openssl req -new -config "$d/openssl.cnf" -key "$d/$name.key" \
			-subj "/CN=$cn" -out "$d/$name.csr" &&
		openssl x509 -req -in "$d/$name.csr" -CA "$d/ca.pem" \
			-CAkey "$d/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
			-days 30 -extfile "$d/openssl.cnf" -extensions "$name" \
			-out "$d/$name.pem" 2>/dev/null
}

harness_certs()
{
	local d

	harness_init || return 1
	d="$HARNESS_DIR/certs"
	if [ -f "$d/self.pem" ]; then
		return 0
	fi
	mkdir -p "$d" || return 1
	harness_openssl_conf >"$d/openssl.cnf"
	harness_key "$d/ca.key" &&
		openssl req -x509 -new -config "$d/openssl.cnf" \
			-key "$d/ca.key" -subj "/CN=abusedesk harness CA" \
			-extensions ca -days 30 -out "$d/ca.pem" &&
		harness_cert_signed "$d" server localhost &&
		harness_cert_signed "$d" wrong wrong.example &&
		harness_key "$d/self.key" &&
		openssl req -x509 -new -config "$d/openssl.cnf" \
			-key "$d/self.key" -subj "/CN=localhost" \
			-extensions self -days 30 -out "$d/self.pem" || {
		harness_log "could not make certificates in $d"
		return 1
	}
	# The server processes read the keys as root; the rest is public.
	chmod 0644 "$d"/*.pem
	export HARNESS_HOST=localhost
	export HARNESS_CERTS="$d"
	export HARNESS_CA="$d/ca.pem"
	HARNESS_SELF_FINGERPRINT=$(harness_fingerprint "$d/self.pem")
	export HARNESS_SELF_FINGERPRINT
}

# Prints the SHA-256 of a PEM certificate as AA:BB:... (openssl's form).
harness_fingerprint()
{
	openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//'
}
