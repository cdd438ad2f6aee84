# shellcheck shell=bash
# NTLM endpoints for the authlab, sourced by start.sh (which provides LAB, PASSWORDS, vhost,
# add_endpoint, port_of and the PACKAGES / MODULES / PORT_SLOT / ENDPOINTS / APACHE_ENV tables).
#
# Apache mod_auth_gssapi + gss-ntlmssp in STRICT mode: no framing shim, so the legacy 32-byte
# NEGOTIATE (curl) is refused and the MIC is checked; clients must send spec-complete messages.
#
# | name           | slot | offers                  | user on success            |
# |----------------|------|-------------------------|----------------------------|
# | NTLM           | 5    | `NTLM` only (first 401)  | `EWS\alice` (`alice` when the client sends no domain) |
# | NTLM_NEGOTIATE | 6    | `Negotiate` and `NTLM` (Exchange's default) | same |
#
# Facts this relies on (see shared/authlab/README.md, gotchas 2-6):
# - gss-ntlmssp reads users from NTLM_USER_FILE (DOMAIN:user:password) and NetBIOS names from
#   NETBIOS_DOMAIN_NAME / NETBIOS_COMPUTER_NAME in the *process* environment, not SetEnv;
# - it checks NTOWFv2 with the domain exactly as written in the file (`EWS`), then empty;
# - the three legs must share one keep-alive connection: GssapiConnectionBound On, after which
#   the connection stays authenticated (KeepAliveTimeout 30 s);
# - mod_auth_gssapi always offers Negotiate; the NTLM-only port suppresses it with
#   gssapi-no-negotiate and adds `NTLM` itself on the first 401.

PACKAGES+=(libapache2-mod-auth-gssapi gss-ntlmssp)
MODULES+=(auth_gssapi headers setenvif)
PORT_SLOT[NTLM]=5
PORT_SLOT[NTLM_NEGOTIATE]=6
ENDPOINTS+=(NTLM NTLM_NEGOTIATE)
NTLM_DOMAIN=EWS
APACHE_ENV+=("NTLM_USER_FILE=$LAB/apache/ntlm_users" "NETBIOS_DOMAIN_NAME=$NTLM_DOMAIN" NETBIOS_COMPUTER_NAME=EWSLAB)

ntlm_user_file() {
  local file=$LAB/apache/ntlm_users user
  [[ -f $file ]] && return 0
  : > "$file"
  for user in alice bob; do printf '%s:%s:%s\n' "$NTLM_DOMAIN" "$user" "${PASSWORDS[$user]}" >> "$file"; done
  chown root:www-data "$file"
  chmod 640 "$file"
}

ntlm_directives() { # AuthName
  printf '        AuthType GSSAPI\n        AuthName "%s"\n        GssapiAllowedMech ntlmssp\n        GssapiConnectionBound On\n        Require valid-user\n' "$1"
}

endpoint_NTLM() {
  local port vhost_level
  port=$(port_of NTLM)
  ntlm_user_file
  # Like an IIS site with only the NTLM provider: the first 401 offers plain NTLM. (Header always
  # set cannot replace mod_auth_gssapi's error headers, so suppress them and add our own.)
  vhost_level='    SetEnvIfExpr "-z %{HTTP:Authorization}" gssapi-no-negotiate
    Header always set WWW-Authenticate "NTLM" "expr=%{REQUEST_STATUS} == 401 && -z %{HTTP:Authorization}"'
  vhost "$port" "$(ntlm_directives 'EWS NTLM')" "$vhost_level" > "$LAB/apache/conf.d/50-ntlm.conf"
  add_endpoint NTLM "http://127.0.0.1:$port/EWS/Exchange.asmx" NTLM "$NTLM_DOMAIN\\\\alice"
}

endpoint_NTLM_NEGOTIATE() {
  local port
  port=$(port_of NTLM_NEGOTIATE)
  ntlm_user_file
  vhost "$port" "$(ntlm_directives 'EWS Negotiate')" > "$LAB/apache/conf.d/51-ntlm-negotiate.conf"
  add_endpoint NTLM_NEGOTIATE "http://127.0.0.1:$port/EWS/Exchange.asmx" Negotiate "$NTLM_DOMAIN\\\\alice"
}
