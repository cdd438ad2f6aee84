# shellcheck shell=bash
# OAuth2 Bearer endpoint for the authlab, sourced by start.sh (which provides LAB, vhost,
# server_tls, add_endpoint, port_of and the PACKAGES / MODULES / PORT_SLOT / ENDPOINTS /
# EXTRA_JSON tables).
#
# mod_auth_openidc as an OAuth2 resource server: it checks an RS256 JWT's signature (against
# oauth/signing.crt, key id `authlab-token-signer`) and `exp`, and sets REMOTE_USER from the
# `upn` claim. Tests mint tokens with oauth/signing.key (a throwaway key made on every start).
#
# | name       | slot | what authenticates                                    | user on success        |
# |------------|------|-------------------------------------------------------|------------------------|
# | BEARER_TLS | 10   | `Authorization: Bearer <JWT>` over https (lab CA)     | the token's `upn`      |
#
# Facts this relies on (shared/authlab/README.md, gotcha 11): OIDCCryptoPassphrase is required
# even in resource-server mode; a bad, expired or forged token gets 401 with
# `WWW-Authenticate: Bearer error="invalid_token"`, a missing one `error="invalid_request"`.

PACKAGES+=(libapache2-mod-auth-openidc)
MODULES+=(auth_openidc)
PORT_SLOT[BEARER_TLS]=10 # 5..9 are NTLM and Kerberos (KDC on 9)
ENDPOINTS+=(BEARER_TLS)
BEARER_KID=authlab-token-signer

endpoint_BEARER_TLS() {
  local port dir=$LAB/oauth auth
  port=$(port_of BEARER_TLS)
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/signing.key" -out "$dir/signing.crt" \
    -subj "/CN=authlab token signer" -days 30 2> /dev/null
  chmod 644 "$dir/signing.key" "$dir/signing.crt" # a throwaway test key that tests must read
  auth='        AuthType oauth20
        Require valid-user'
  {
    # Server-level directive: a fragment is included at the top level of httpd.conf.
    echo "OIDCCryptoPassphrase $(openssl rand -hex 16)"
    vhost "$port" "$auth" "$(server_tls)
    OIDCOAuthVerifyCertFiles $BEARER_KID#$dir/signing.crt
    OIDCOAuthRemoteUserClaim upn
    OIDCOAuthAcceptTokenAs header"
  } > "$LAB/apache/conf.d/60-bearer-tls.conf"
  add_endpoint BEARER_TLS "https://127.0.0.1:$port/EWS/Exchange.asmx" Bearer alice@ews.test
  EXTRA_JSON+=("\"bearer\": {\"signing_key\": \"$dir/signing.key\", \"signing_cert\": \"$dir/signing.crt\", \"kid\": \"$BEARER_KID\", \"user_claim\": \"upn\"}")
}
