# shellcheck shell=bash
# Kerberos endpoints for the authlab, sourced by start.sh (which provides LAB, PASSWORDS, vhost,
# add_endpoint, port_of, die, log and the PACKAGES / MODULES / PORT_SLOT / ENDPOINTS / APACHE_ENV /
# EXTRA_JSON tables).
#
# An MIT KDC with the throwaway realm EWS.TEST on 127.0.0.1 and a private KRB5_CONFIG under the
# state dir ($LAB/krb5/krb5.conf); /etc/krb5.conf is never read or written.
#
# | name           | slot | offers                       | user on success                      |
# |----------------|------|------------------------------|--------------------------------------|
# | NEGOTIATE      | 7    | `Negotiate` only (krb5)      | `alice@EWS.TEST`                     |
# | NEGOTIATE_NTLM | 8    | `Negotiate` and `NTLM`       | `alice@EWS.TEST`, or `EWS\alice` via NTLM |
# | (KDC)          | 9    | krb5kdc, udp + tcp           | principals alice, bob (lab passwords) |
#
# Clients: `source $LAB/env.sh` (KRB5_CONFIG, KRB5CCNAME), then `kinit alice`; use host
# `localhost` (SPN HTTP@localhost; the keytab also holds HTTP/127.0.0.1).
#
# Facts this relies on (shared/authlab/README.md, gotchas 4, 5, 7, 12):
# - the acceptor reads KRB5_CONFIG / KRB5_KTNAME / KRB5RCACHEDIR from the *process* environment;
# - NEGOTIATE_NTLM must not set GssapiCredStore (gss-ntlmssp then builds a user credential), so
#   krb5 finds the keytab through KRB5_KTNAME;
# - both endpoints are connection-bound like IIS: after one Negotiate exchange the keep-alive
#   connection stays authenticated; tokens are never replayable (replay cache);
# - the packages would start the system krb5kdc/kadmind: start.sh's policy-rc.d prevents that.

PACKAGES+=(krb5-kdc krb5-admin-server krb5-user libapache2-mod-auth-gssapi)
MODULES+=(auth_gssapi headers setenvif)
PORT_SLOT[NEGOTIATE]=7
PORT_SLOT[NEGOTIATE_NTLM]=8
PORT_SLOT[KDC]=9
ENDPOINTS+=(NEGOTIATE NEGOTIATE_NTLM)
KRB5_REALM=EWS.TEST
KRB5_DIR=$LAB/krb5
KRB5_CONF=$KRB5_DIR/krb5.conf
KRB5_KEYTAB=$KRB5_DIR/http.keytab
KRB5_CLIENT_DIR=$LAB/client
KRB5_SPN_HOSTS=(localhost 127.0.0.1)
APACHE_ENV+=("KRB5_CONFIG=$KRB5_CONF" "KRB5_KTNAME=FILE:$KRB5_KEYTAB" "KRB5RCACHEDIR=$LAB/run/rcache")
EXTRA_JSON+=("\"kerberos\": {\"realm\": \"$KRB5_REALM\", \"kdc\": \"127.0.0.1:$(port_of KDC)\", \"krb5_config\": \"$KRB5_CONF\", \"env_sh\": \"$LAB/env.sh\", \"client_ccache_dir\": \"$KRB5_CLIENT_DIR\", \"principals\": [\"alice@$KRB5_REALM\", \"bob@$KRB5_REALM\"], \"spn\": \"HTTP@localhost\"}")

kerberos_write_configs() {
  local kdc_port=$1
  cat > "$KRB5_CONF" << EOF
# authlab private krb5.conf: use with KRB5_CONFIG=$KRB5_CONF
[libdefaults]
    default_realm = $KRB5_REALM
    dns_lookup_realm = false
    dns_lookup_kdc = false
    dns_canonicalize_hostname = false
    rdns = false
    ticket_lifetime = 24h
    forwardable = true
    default_ccache_name = FILE:$KRB5_CLIENT_DIR/krb5cc_default
    default_keytab_name = FILE:$KRB5_KEYTAB

[realms]
    $KRB5_REALM = {
        kdc = 127.0.0.1:$kdc_port
    }

[domain_realm]
    localhost = $KRB5_REALM
    127.0.0.1 = $KRB5_REALM
EOF
  cat > "$KRB5_DIR/kdc.conf" << EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$kdc_port
    kdc_tcp_listen = 127.0.0.1:$kdc_port

[realms]
    $KRB5_REALM = {
        database_name = $KRB5_DIR/principal
        key_stash_file = $KRB5_DIR/stash
        acl_file = $KRB5_DIR/kadm5.acl
        kdc_listen = 127.0.0.1:$kdc_port
        kdc_tcp_listen = 127.0.0.1:$kdc_port
        max_life = 24h
        master_key_type = aes256-cts-hmac-sha1-96
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
    }

[logging]
    kdc = FILE:$LAB/logs/kdc.log
    default = FILE:$LAB/logs/kdc.log
EOF
  : > "$KRB5_DIR/kadm5.acl"
}

# Realm, principals, keytab, KDC and env.sh. Runs once, from the first Kerberos endpoint.
kerberos_realm() {
  [[ -f $KRB5_DIR/.ready ]] && return 0
  local kdc_port user host i
  kdc_port=$(port_of KDC)
  port_busy "$kdc_port" && die "port $kdc_port (KDC) is in use; set EWS_AUTHLAB_PORT_BASE to move the lab"
  mkdir -p "$KRB5_DIR" "$KRB5_CLIENT_DIR" "$LAB/run/rcache"
  chmod 700 "$KRB5_DIR"
  chmod 1777 "$KRB5_CLIENT_DIR" # per-user ticket caches of unprivileged test runners
  chown www-data:www-data "$LAB/run/rcache"
  chmod 700 "$LAB/run/rcache"
  kerberos_write_configs "$kdc_port"
  chmod 755 "$KRB5_DIR"
  chmod 644 "$KRB5_CONF"

  local -x KRB5_CONFIG=$KRB5_CONF KRB5_KDC_PROFILE=$KRB5_DIR/kdc.conf
  # The master password only protects this throwaway database.
  kdb5_util -r "$KRB5_REALM" create -s -P "authlab-kdc-$RANDOM$RANDOM" > "$LAB/logs/kdb5_util.log" 2>&1 ||
    { cat "$LAB/logs/kdb5_util.log"; die "kdb5_util create failed"; }
  chmod 600 "$KRB5_DIR"/principal* "$KRB5_DIR/stash"
  for user in alice bob; do kerberos_kadmin "addprinc -pw ${PASSWORDS[$user]} $user"; done
  for host in "${KRB5_SPN_HOSTS[@]}"; do
    kerberos_kadmin "addprinc -randkey HTTP/$host"
    kerberos_kadmin "ktadd -k $KRB5_KEYTAB HTTP/$host"
  done
  chown root:www-data "$KRB5_KEYTAB"
  chmod 640 "$KRB5_KEYTAB"

  krb5kdc -r "$KRB5_REALM" -P "$LAB/run/krb5kdc.pid" || die "krb5kdc failed to start (see $LAB/logs/kdc.log)"
  # stop.sh stops every daemon listed here (pidfile, process name), besides Apache.
  echo "$LAB/run/krb5kdc.pid krb5kdc" >> "$LAB/run/daemons"
  for ((i = 0; i < 100; i++)); do port_busy "$kdc_port" && break; sleep 0.1; done
  port_busy "$kdc_port" || { tail -20 "$LAB/logs/kdc.log"; die "the KDC is not listening on $kdc_port"; }

  cat > "$LAB/env.sh" << EOF
# source me: client-side Kerberos environment for the authlab (then: kinit alice)
export KRB5_CONFIG=$KRB5_CONF
export KRB5CCNAME=FILE:$KRB5_CLIENT_DIR/krb5cc_\$(id -un)
EOF
  chmod 644 "$LAB/env.sh"
  touch "$KRB5_DIR/.ready"
}

kerberos_kadmin() {
  KRB5_CONFIG=$KRB5_CONF KRB5_KDC_PROFILE=$KRB5_DIR/kdc.conf \
    kadmin.local -r "$KRB5_REALM" -q "$1" >> "$LAB/logs/kadmin.log" 2>&1 ||
    { tail -5 "$LAB/logs/kadmin.log"; die "kadmin.local failed: ${1%% -pw *}"; }
}

endpoint_NEGOTIATE() {
  local port vhost_level
  kerberos_realm
  port=$(port_of NEGOTIATE)
  # mod_auth_gssapi also offers `NTLM` whenever gss-ntlmssp is installed, even with only krb5
  # allowed. Like an IIS site with only Kerberos, the first 401 offers just `Negotiate`: suppress
  # its headers and add our own (Header always set cannot replace them, gotcha 6).
  vhost_level='    SetEnvIfExpr "-z %{HTTP:Authorization}" gssapi-no-negotiate
    Header always set WWW-Authenticate "Negotiate" "expr=%{REQUEST_STATUS} == 401 && -z %{HTTP:Authorization}"'
  vhost "$port" "$(printf '        AuthType GSSAPI\n        AuthName "EWS Kerberos"\n        GssapiCredStore keytab:%s\n        GssapiAllowedMech krb5\n        GssapiConnectionBound On\n        Require valid-user\n' "$KRB5_KEYTAB")" \
    "$vhost_level" > "$LAB/apache/conf.d/60-negotiate.conf"
  add_endpoint NEGOTIATE "http://localhost:$port/EWS/Exchange.asmx" Negotiate "alice@$KRB5_REALM"
}

# Needs gss-ntlmssp and its user file, which endpoints/ntlm.sh sets up (ntlm_user_file).
endpoint_NEGOTIATE_NTLM() {
  local port
  kerberos_realm
  port=$(port_of NEGOTIATE_NTLM)
  if ! declare -F ntlm_user_file > /dev/null; then
    NOTES+=("NEGOTIATE_NTLM not started: it needs endpoints/ntlm.sh (gss-ntlmssp user file)")
    return 0
  fi
  ntlm_user_file
  # No GssapiCredStore: with one, gss-ntlmssp builds a user credential and every NTLM leg fails.
  vhost "$port" "$(printf '        AuthType GSSAPI\n        AuthName "EWS Negotiate"\n        GssapiAllowedMech krb5\n        GssapiAllowedMech ntlmssp\n        GssapiConnectionBound On\n        Require valid-user\n')" \
    > "$LAB/apache/conf.d/61-negotiate-ntlm.conf"
  add_endpoint NEGOTIATE_NTLM "http://localhost:$port/EWS/Exchange.asmx" Negotiate "alice@$KRB5_REALM"
}
