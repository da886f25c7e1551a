package emulator

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery"
)

// The emulator's OAuth 2.0 token endpoint and the credential files that use
// it, so the provider runs its real credential flows (a service account key,
// domain-wide delegation, an authorized_user file) against the emulator:
//
//	GET  /__emulator/credentials?principal=app            service account key of the Chat app
//	GET  /__emulator/credentials?principal=user:EMAIL     authorized_user file (&scopes=a,b optional)
//	POST /token                                           the token endpoint both name as token_uri
//
// The token endpoint serves the two grants Google's client libraries use
// (RFC 7523 JWT bearer and RFC 6749 refresh_token) and issues access tokens
// that carry exactly the scopes asked for (a JWT's "scope" claim) or minted
// (an authorized_user file), which every API call then checks (scopes.go).

// TokenPath is where the token endpoint is served, like
// https://oauth2.googleapis.com/token.
const TokenPath = "/token"

// DefaultUserScopes are the scopes an authorized_user file is minted with
// when the request names none: the provider's defaults for user credentials
// (internal/provider/credentials.go; a provider test keeps them equal).
var DefaultUserScopes = []string{
	"https://www.googleapis.com/auth/chat.spaces",
	"https://www.googleapis.com/auth/chat.messages",
	"https://www.googleapis.com/auth/chat.memberships",
	"https://www.googleapis.com/auth/chat.delete",
}

// serviceAccountDomain is the domain of the emulator's app service accounts.
const serviceAccountDomain = "@emulator-project.iam.gserviceaccount.com"

// signingKey is the private key of every service account key the emulator
// hands out; made once per process (2048-bit keys take a while).
var signingKey = sync.OnceValue(func() *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return key
})

// grant is what an access or refresh token stands for: a principal as
// fromToken names it, and the scopes it holds (full URLs).
type grant struct {
	principal string
	scopes    map[string]bool
	// delegatedBy is the app ("app:NAME") whose service account impersonates
	// the user through domain-wide delegation (a JWT-bearer grant with a
	// sub claim); "" for any other token. Import mode needs it (import.go).
	delegatedBy string
}

// authState holds the tokens the token endpoint issued. It survives Reset,
// as credentials outlive the data of a real organization.
type authState struct {
	access  map[string]grant
	refresh map[string]grant
	// appScopesUnapproved: chat.app.* scopes lack administrator approval.
	appScopesUnapproved bool
}

func randomToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// baseURL is the emulator's own address as the request reached it.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// serveCredentials answers GET /__emulator/credentials.
func (e *Emulator) serveCredentials(w http.ResponseWriter, r *http.Request) {
	principal := r.URL.Query().Get("principal")
	tokenURI := baseURL(r) + TokenPath
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case principal == "app" || strings.HasPrefix(principal, "app:"):
		name := strings.TrimPrefix(strings.TrimPrefix(principal, "app"), ":")
		if name == "" {
			name = "app"
		}
		app := e.dir.app(name)
		der, err := x509.MarshalPKCS8PrivateKey(signingKey())
		if err != nil {
			writeError(w, statusError(http.StatusInternalServerError, err.Error()))
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{
			"type":           "service_account",
			"project_id":     "emulator-project",
			"private_key_id": "emulator-key-1",
			"private_key":    string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
			"client_email":   name + serviceAccountDomain,
			"client_id":      app.id,
			"auth_uri":       baseURL(r) + "/o/oauth2/auth",
			"token_uri":      tokenURI,
		})
	case strings.HasPrefix(principal, "user:"):
		p, ok := e.dir.fromToken(principal)
		if !ok {
			writeError(w, notFound("No user %s in the emulator's directory.", strings.TrimPrefix(principal, "user:")))
			return
		}
		scopes := DefaultUserScopes
		if list := r.URL.Query().Get("scopes"); list != "" {
			scopes = strings.Split(list, ",")
		}
		refresh := randomToken("1//emulator-refresh-")
		e.auth.refresh[refresh] = grant{principal: p.String(), scopes: scopeSet(scopes)}
		writeJSON(w, http.StatusOK, map[string]string{
			"type":          "authorized_user",
			"client_id":     "emulator-client.apps.googleusercontent.com",
			"client_secret": "emulator-client-secret",
			"refresh_token": refresh,
			"token_uri":     tokenURI,
		})
	default:
		writeError(w, invalidArgument(`principal must be "app", "app:NAME" or "user:EMAIL", not %q`, principal))
	}
}

// scopeSet makes a set of full scope URLs; short names get the prefix.
func scopeSet(scopes []string) map[string]bool {
	out := map[string]bool{}
	for _, s := range scopes {
		if s = strings.TrimSpace(s); s != "" {
			out[discovery.Full(s)] = true
		}
	}
	return out
}

// oauthError is the token endpoint's error answer (RFC 6749 section 5.2).
func oauthError(w http.ResponseWriter, code, description string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": code, "error_description": description})
}

// serveToken answers POST /token.
func (e *Emulator) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		oauthError(w, "invalid_request", "The token endpoint takes POST.")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, "invalid_request", err.Error())
		return
	}
	var g grant
	var failure, description string
	switch r.PostForm.Get("grant_type") {
	case "urn:ietf:params:oauth:grant-type:jwt-bearer":
		g, failure, description = e.jwtGrant(r.PostForm.Get("assertion"), baseURL(r)+TokenPath)
	case "refresh_token":
		e.mu.Lock()
		found, ok := e.auth.refresh[r.PostForm.Get("refresh_token")]
		e.mu.Unlock()
		g = found
		if !ok {
			failure, description = "invalid_grant", "Token has been expired or revoked."
		}
	default:
		failure, description = "unsupported_grant_type", "Invalid grant_type: "+r.PostForm.Get("grant_type")
	}
	if failure != "" {
		oauthError(w, failure, description)
		return
	}
	token := randomToken("ya29.emulator-")
	e.mu.Lock()
	e.auth.access[token] = g
	e.mu.Unlock()
	scopes := make([]string, 0, len(g.scopes))
	for s := range g.scopes {
		scopes = append(scopes, s)
	}
	sort.Strings(scopes)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": token, "token_type": "Bearer", "expires_in": 3599, "scope": strings.Join(scopes, " "),
	})
}

// jwtGrant checks a service account's signed assertion: RS256 with the
// emulator's key, aud the token endpoint, iss a service account of the
// emulator, unexpired, and a scope claim. A sub claim is domain-wide
// delegation: the token acts as that user.
func (e *Emulator) jwtGrant(assertion, audience string) (grant, string, string) {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return grant{}, "invalid_grant", "Invalid JWT: not three segments."
	}
	var header struct {
		Alg string `json:"alg"`
	}
	var claims struct {
		Iss   string `json:"iss"`
		Aud   string `json:"aud"`
		Scope string `json:"scope"`
		Sub   string `json:"sub"`
		Exp   int64  `json:"exp"`
	}
	if err := decodeSegment(parts[0], &header); err != nil || header.Alg != "RS256" {
		return grant{}, "invalid_grant", "Invalid JWT header: want alg RS256."
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err != nil || rsa.VerifyPKCS1v15(&signingKey().PublicKey, crypto.SHA256, digest[:], sig) != nil {
		return grant{}, "invalid_grant", "Invalid JWT Signature."
	}
	if err := decodeSegment(parts[1], &claims); err != nil {
		return grant{}, "invalid_grant", "Invalid JWT claims."
	}
	switch {
	case claims.Aud != audience:
		return grant{}, "invalid_grant", fmt.Sprintf("Invalid JWT: aud is %q, want %q.", claims.Aud, audience)
	case claims.Exp < time.Now().Unix():
		return grant{}, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe."
	case strings.TrimSpace(claims.Scope) == "":
		return grant{}, "invalid_scope", "Invalid OAuth scope or ID token audience provided."
	}
	app, ok := strings.CutSuffix(claims.Iss, serviceAccountDomain)
	if !ok || app == "" {
		return grant{}, "invalid_grant", "Invalid JWT: iss is not a service account of the emulator."
	}
	g := grant{principal: "app:" + app, scopes: scopeSet(strings.Fields(claims.Scope))}
	if claims.Sub != "" {
		e.mu.Lock()
		p, ok := e.dir.fromToken("user:" + claims.Sub)
		e.mu.Unlock()
		if !ok {
			return grant{}, "invalid_grant", "Invalid email or User ID"
		}
		g.principal, g.delegatedBy = p.String(), g.principal
	}
	return g, "", ""
}

func decodeSegment(segment string, into any) error {
	raw, err := base64.RawURLEncoding.DecodeString(segment)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}

// IssuedSecrets returns every access and refresh token the token endpoint
// and the credential files have handed out, for tests that prove no secret
// reaches a log, an output or a state file.
func (e *Emulator) IssuedSecrets() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for token := range e.auth.access {
		out = append(out, token)
	}
	for token := range e.auth.refresh {
		out = append(out, token)
	}
	sort.Strings(out)
	return out
}
