#!/usr/bin/env bash
# The project's auth lab: real Apache httpd auth modules on 127.0.0.1 in front of a fixed
# EWS stand-in (backend.lua), for testing @ews auth strategies against servers we did not write.
#
#   sudo bash tools/authlab/start.sh   # install packages if missing, rebuild all state, start
#   bash tools/authlab/stop.sh         # stop (add --purge to delete the state dir)
#
# Environment: EWS_AUTHLAB_DIR (state dir, default /tmp/ews-authlab; wiped on every start),
#              EWS_AUTHLAB_PORT_BASE (default 18180; the lab uses BASE..BASE+10).
# Idempotent: a running lab is stopped and rebuilt. Writes $EWS_AUTHLAB_DIR/endpoints.json.
#
# To add an endpoint (Kerberos, NTLM, OIDC…): give it a port slot in PORT_SLOT, write an
# endpoint_<NAME> function that emits its conf fragment and calls add_endpoint, and list it
# in ENDPOINTS.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=${EWS_AUTHLAB_DIR:-/tmp/ews-authlab}
BASE=${EWS_AUTHLAB_PORT_BASE:-18180}
REALM=EWS
P12_PASSWORD=authlab
declare -A PASSWORDS=([alice]='Alice-Passw0rd' [bob]='Bob-Passw0rd')
PACKAGES=(apache2 apache2-utils openssl ca-certificates)

# Port slots, BASE + n. Free slots 5..9 are for the endpoints later sessions add.
declare -A PORT_SLOT=([BASIC]=0 [DIGEST]=1 [DIGEST_SHA256]=2 [BASIC_TLS]=3 [CBA]=4)
ENDPOINTS=(BASIC DIGEST DIGEST_SHA256 BASIC_TLS CBA)
# Extra environment for the Apache process (acceptors that read env vars, e.g. gss-ntlmssp).
APACHE_ENV=()
# Extra top-level members of endpoints.json ('"name": {...}' strings), e.g. the Kerberos realm.
EXTRA_JSON=()

log() { echo "[authlab] $*"; }
die() { echo "[authlab] ERROR: $*" >&2; exit 1; }
port_of() { echo $((BASE + PORT_SLOT[$1])); }
port_busy() { [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]; }

[[ $(id -u) -eq 0 ]] || die "run me as root (apt-get, and Apache drops to www-data)"
[[ $BASE =~ ^[0-9]+$ ]] || die "EWS_AUTHLAB_PORT_BASE must be a number"
STARTED_AT=$SECONDS

# ------------------------------------------------------------------ packages
install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  command -v ss > /dev/null || missing+=(iproute2)
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    # Exit code 101 tells dpkg not to start the system apache2 service on install.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  local status=0
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -qq || status=$?
  if ((status == 0)); then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq \
      --no-install-recommends "${missing[@]}" > "/tmp/ews-authlab-apt.log" 2>&1 || status=$?
  fi
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  ((status == 0)) || { tail -20 /tmp/ews-authlab-apt.log 2>/dev/null; die "apt-get failed"; }
}

# ------------------------------------------------------------------ state dir
fresh_state_dir() {
  if [[ -e $LAB ]]; then
    [[ -f $LAB/.ews-authlab ]] || die "$LAB exists and is not an authlab state dir; refusing to wipe it"
    EWS_AUTHLAB_DIR=$LAB bash "$HERE/stop.sh" > /dev/null
    rm -rf "$LAB"
  fi
  local name p i
  for name in "${ENDPOINTS[@]}"; do
    p=$(port_of "$name")
    for ((i = 0; i < 20; i++)); do port_busy "$p" || break; sleep 0.1; done
    port_busy "$p" && die "port $p ($name) is in use; set EWS_AUTHLAB_PORT_BASE to move the lab"
  done
  mkdir -p "$LAB"/{apache/conf.d,tls,run,logs,www}
  touch "$LAB/.ews-authlab"
  chmod 755 "$LAB" "$LAB"/*
  chown www-data:www-data "$LAB/run"
}

# ------------------------------------------------------------------ users
make_user_files() {
  local user
  : > "$LAB/apache/htpasswd"
  : > "$LAB/apache/htdigest"
  for user in alice bob; do
    htpasswd -bB "$LAB/apache/htpasswd" "$user" "${PASSWORDS[$user]}" 2> /dev/null
    # htdigest line: user:realm:MD5(user:realm:password)
    printf '%s:%s:%s\n' "$user" "$REALM" \
      "$(printf '%s' "$user:$REALM:${PASSWORDS[$user]}" | openssl dgst -md5 -r | cut -d' ' -f1)" >> "$LAB/apache/htdigest"
  done
  chown root:www-data "$LAB/apache/htpasswd" "$LAB/apache/htdigest"
  chmod 640 "$LAB/apache/htpasswd" "$LAB/apache/htdigest"
}

# ------------------------------------------------------------------ TLS material
openssl_quiet() { openssl "$@" >> "$LAB/logs/openssl.log" 2>&1 || { tail -5 "$LAB/logs/openssl.log"; die "openssl $1 failed"; }; }

make_ca() { # name subject
  openssl_quiet req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "$2" \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -keyout "$LAB/tls/$1.key" -out "$LAB/tls/$1.crt"
}

make_leaf() { # name issuing-ca subject extensions
  local tls=$LAB/tls
  printf '%b' "$4" > "$tls/$1.ext"
  openssl_quiet req -new -newkey rsa:2048 -nodes -sha256 -subj "$3" -keyout "$tls/$1.key" -out "$tls/$1.csr"
  openssl_quiet x509 -req -sha256 -days 825 -in "$tls/$1.csr" -CA "$tls/$2.crt" -CAkey "$tls/$2.key" \
    -set_serial "0x$(openssl rand -hex 8)" -extfile "$tls/$1.ext" -out "$tls/$1.crt"
  rm -f "$tls/$1.csr" "$tls/$1.ext"
}

make_tls() {
  local user
  make_ca ca '/O=EWS Authlab/CN=EWS Authlab Test CA'
  make_ca untrusted-ca '/O=Untrusted/CN=Untrusted Test CA'
  make_leaf server ca '/O=EWS Authlab/CN=localhost' \
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n'
  for user in alice bob; do
    make_leaf "client-$user" ca "/O=EWS Authlab/CN=$user" \
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\nsubjectAltName=email:$user@ews.test\n"
    openssl_quiet pkcs12 -export -in "$LAB/tls/client-$user.crt" -inkey "$LAB/tls/client-$user.key" \
      -certfile "$LAB/tls/ca.crt" -name "$user" -out "$LAB/tls/client-$user.p12" -passout "pass:$P12_PASSWORD"
  done
  make_leaf client-untrusted untrusted-ca '/O=Untrusted/CN=alice' \
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'
  # Client material is for unprivileged test runners; CA and server keys stay private.
  chmod 644 "$LAB"/tls/*.crt "$LAB"/tls/client-*.key "$LAB"/tls/*.p12
  chmod 600 "$LAB"/tls/*ca.key
  chown root:www-data "$LAB/tls/server.key"
  chmod 640 "$LAB/tls/server.key"
}

# ------------------------------------------------------------------ Apache config
MODULES=(mpm_event authn_core authn_file authz_core authz_user auth_basic auth_digest
         socache_shmcb ssl lua)

write_main_conf() {
  local m dir=/usr/lib/apache2/modules
  {
    echo "# Generated by tools/authlab/start.sh; rewritten on every start."
    echo "ServerRoot \"$LAB/apache\""
    echo "ServerName localhost"
    echo "PidFile \"$LAB/run/httpd.pid\""
    echo "DefaultRuntimeDir \"$LAB/run\""
    echo "Mutex file:$LAB/run default"
    echo "User www-data"
    echo "Group www-data"
    echo "ErrorLog \"$LAB/logs/error.log\""
    echo "LogLevel warn"
    echo "KeepAlive On"
    echo "KeepAliveTimeout 30"
    echo "MaxKeepAliveRequests 0"
    echo "ServerTokens Prod"
    echo "TraceEnable Off"
    echo "StartServers 1"
    echo "ServerLimit 2"
    echo "ThreadsPerChild 16"
    echo "MaxRequestWorkers 32"
    # Fragments may list a module twice; Apache warns on a second LoadModule.
    for m in $(printf "%s\n" "${MODULES[@]}" | awk '!seen[$0]++'); do echo "LoadModule ${m}_module $dir/mod_$m.so"; done
    echo "LogFormat \"%h:%{remote}p -> :%{local}p user=\\\"%u\\\" \\\"%r\\\" %>s ka=%k\" authlab"
    echo "CustomLog \"$LAB/logs/access.log\" authlab"
    echo "SSLSessionCache \"shmcb:$LAB/run/ssl_scache(512000)\""
    echo "SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1"
    echo "DocumentRoot \"$LAB/www\""
    echo "<Directory />"
    echo "    AllowOverride None"
    echo "    Require all denied"
    echo "</Directory>"
    echo "IncludeOptional \"$LAB/apache/conf.d/*.conf\""
  } > "$LAB/apache/httpd.conf"
  cp "$HERE/backend.lua" "$LAB/apache/backend.lua"
}

# One virtual host: port, auth directives (a string), optional TLS directives.
vhost() {
  local port=$1 auth=$2 tls=${3:-}
  cat << EOF
Listen 127.0.0.1:$port
<VirtualHost 127.0.0.1:$port>
$tls
    LuaMapHandler "^/" "$LAB/apache/backend.lua" handle
    <Location />
$auth
    </Location>
    # Needs no credentials (a CBA port still needs a certificate): for "is the lab up" probes.
    <Location /authlab-health>
        Require all granted
    </Location>
</VirtualHost>
EOF
}

server_tls() {
  printf '    SSLEngine on\n    SSLCertificateFile "%s"\n    SSLCertificateKeyFile "%s"\n' \
    "$LAB/tls/server.crt" "$LAB/tls/server.key"
}

basic_auth_directives() {
  printf '        AuthType Basic\n        AuthName "%s"\n        AuthBasicProvider file\n        AuthUserFile "%s"\n        Require valid-user\n' \
    "$REALM" "$LAB/apache/htpasswd"
}

digest_auth_directives() { # algorithm
  printf '        AuthType Digest\n        AuthName "%s"\n        AuthDigestDomain /\n        AuthDigestProvider file\n        AuthDigestAlgorithm %s\n        AuthUserFile "%s"\n        Require valid-user\n' \
    "$REALM" "$1" "$LAB/apache/htdigest"
}

ENDPOINT_JSON=()
NOTES=()
add_endpoint() { # name url scheme expect_user
  ENDPOINT_JSON+=("\"$1\": {\"url\": \"$2\", \"scheme\": \"$3\", \"expect_user\": \"$4\", \"port\": $(port_of "$1")}")
}

endpoint_BASIC() {
  local port; port=$(port_of BASIC)
  vhost "$port" "$(basic_auth_directives)" > "$LAB/apache/conf.d/10-basic.conf"
  add_endpoint BASIC "http://127.0.0.1:$port/EWS/Exchange.asmx" Basic alice
}

endpoint_DIGEST() {
  local port; port=$(port_of DIGEST)
  vhost "$port" "$(digest_auth_directives MD5)" > "$LAB/apache/conf.d/20-digest.conf"
  add_endpoint DIGEST "http://127.0.0.1:$port/EWS/Exchange.asmx" Digest alice
}

# Apache 2.4's mod_auth_digest documents only MD5 (and an incomplete MD5-sess); probe rather
# than assume, so a newer Apache with SHA-256 gets the endpoint automatically.
endpoint_DIGEST_SHA256() {
  local port m probe=$LAB/apache/probe-sha256.conf
  port=$(port_of DIGEST_SHA256)
  {
    echo "ServerRoot \"$LAB/apache\""
    echo "ServerName localhost"
    echo "ErrorLog \"$LAB/logs/probe-error.log\""
    for m in mpm_event authn_core authn_file authz_core authz_user auth_digest; do
      echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so"
    done
    printf '<Location />\n%s\n</Location>\n' "$(digest_auth_directives SHA-256)"
  } > "$probe"
  if env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /usr/sbin/apache2 -t -f "$probe" > "$LAB/logs/probe-sha256.log" 2>&1; then
    vhost "$port" "$(digest_auth_directives SHA-256)" > "$LAB/apache/conf.d/21-digest-sha256.conf"
    add_endpoint DIGEST_SHA256 "http://127.0.0.1:$port/EWS/Exchange.asmx" Digest alice
  else
    NOTES+=("DIGEST_SHA256 not started: this Apache rejects AuthDigestAlgorithm SHA-256 (see logs/probe-sha256.log)")
  fi
  rm -f "$probe"
}

endpoint_BASIC_TLS() {
  local port; port=$(port_of BASIC_TLS)
  vhost "$port" "$(basic_auth_directives)" "$(server_tls)" > "$LAB/apache/conf.d/30-basic-tls.conf"
  add_endpoint BASIC_TLS "https://127.0.0.1:$port/EWS/Exchange.asmx" Basic alice
}

endpoint_CBA() {
  local port tls
  port=$(port_of CBA)
  # Checked in the handshake: no or an untrusted certificate is a TLS alert, never an HTTP 401.
  tls="$(server_tls)
    SSLCACertificateFile \"$LAB/tls/ca.crt\"
    SSLVerifyClient require
    SSLVerifyDepth 2
    SSLUserName SSL_CLIENT_S_DN_CN"
  vhost "$port" '        Require all granted' "$tls" > "$LAB/apache/conf.d/40-cba.conf"
  add_endpoint CBA "https://127.0.0.1:$port/EWS/Exchange.asmx" ClientCertificate alice
}

# ------------------------------------------------------------------ start and describe
start_apache() {
  local apache=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${APACHE_ENV[@]}" /usr/sbin/apache2 -f "$LAB/apache/httpd.conf")
  "${apache[@]}" -t > "$LAB/logs/configtest.log" 2>&1 || { cat "$LAB/logs/configtest.log"; die "apache config test failed"; }
  "${apache[@]}" -k start || { tail -20 "$LAB/logs/error.log"; die "apache failed to start"; }
  local entry port i
  for entry in "${ENDPOINT_JSON[@]}"; do
    port=${entry##*\"port\": }
    port=${port%\}}
    for ((i = 0; i < 100; i++)); do port_busy "$port" && break; sleep 0.1; done
    port_busy "$port" || { tail -20 "$LAB/logs/error.log"; die "apache is not listening on $port"; }
  done
}

write_endpoints_json() {
  local tls=$LAB/tls joined notes="" user clients=""
  joined=$(printf '    %s,\n' "${ENDPOINT_JSON[@]}")
  for user in alice bob untrusted; do
    clients+="    \"$user\": {\"cert\": \"$tls/client-$user.crt\", \"key\": \"$tls/client-$user.key\""
    [[ $user != untrusted ]] && clients+=", \"p12\": \"$tls/client-$user.p12\", \"p12_password\": \"$P12_PASSWORD\""
    clients+="},"$'\n'
  done
  ((${#NOTES[@]})) && notes=$(printf '"%s", ' "${NOTES[@]}")
  cat > "$LAB/endpoints.json.tmp" << EOF
{
  "endpoints": {
${joined%,}
  },
  "users": {"alice": "${PASSWORDS[alice]}", "bob": "${PASSWORDS[bob]}"},
  "realm": "$REALM",
  "ca_cert": "$tls/ca.crt",
  "client_certs": {
${clients%,$'\n'}
  },
  "health_path": "/authlab-health",
  "user_header": "X-Authlab-User",
  "pidfile": "$LAB/run/httpd.pid",
  "logs": {"error": "$LAB/logs/error.log", "access": "$LAB/logs/access.log"},
  "notes": [${notes%, }]$( ((${#EXTRA_JSON[@]})) && printf ',\n  %s' "${EXTRA_JSON[@]}")
}
EOF
  chmod 644 "$LAB/endpoints.json.tmp"
  mv "$LAB/endpoints.json.tmp" "$LAB/endpoints.json"
}

# Endpoints kept in their own files (endpoints/*.sh) add themselves to the tables above.
for fragment in "$HERE"/endpoints/*.sh; do
  [[ -e $fragment ]] || continue
  # shellcheck source=/dev/null
  source "$fragment"
done

install_packages
fresh_state_dir
make_user_files
make_tls
write_main_conf
for endpoint in "${ENDPOINTS[@]}"; do "endpoint_$endpoint"; done
start_apache
write_endpoints_json
for note in "${NOTES[@]}"; do log "note: $note"; done
log "up in $((SECONDS - STARTED_AT)) s; endpoints: $LAB/endpoints.json"
