#include "reference/server/describe/docs_page.hpp"

#include <sodium.h>

#include <string_view>

namespace authprobe::server::description {
namespace {

constexpr std::string_view style = R"CSS(
body{font:14px/1.4 system-ui,sans-serif;margin:1em;max-width:70em}
fieldset{margin:.5em 0}pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap;word-break:break-all}
button{margin:.1em}.explain{font-weight:bold}
)CSS";

// Everything from the network is shown with textContent, never as markup.
constexpr std::string_view script = R"JS(
'use strict';
const $ = (id) => document.getElementById(id);
let token = '';
function show(id, text) { $(id).textContent = text; }
function b64url(part) {
  const b = part.replace(/-/g, '+').replace(/_/g, '/');
  return decodeURIComponent(Array.from(atob(b + '='.repeat((4 - b.length % 4) % 4)),
    (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
}
function decode(jwt) {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(b64url(p));
  const left = payload.exp ? payload.exp - Math.floor(Date.now() / 1000) : NaN;
  return 'header: ' + b64url(h) + '\npayload: ' + JSON.stringify(payload, null, 1) +
    '\nexpires in: ' + left + ' s\nsignature: ' + s;
}
function challengeParams(value) {
  const params = {};
  for (const m of value.matchAll(/([a-z_]+)="([^"]*)"/g)) params[m[1]] = m[2];
  return params;
}
function explain(status, challenge) {
  const p = challengeParams(challenge || '');
  if (status === 401 && p.scope && !p.error)
    return '401 naming scope "' + p.scope + '": the FastAPI scopes tutorial refuses a missing scope this way; ' +
      'RFC 6750 §3.1 asks for 403 with error="insufficient_scope"';
  if (status === 401)
    return '401: not authenticated' + (p.error ? ' (' + p.error + ': ' + (p.error_description || '') + ')' : '') +
      '; the challenge names the schemes to use (RFC 9110 §11.6.1, RFC 6750 §3)';
  if (status === 403)
    return '403: authenticated but not allowed' + (p.error === 'insufficient_scope'
      ? ' (insufficient_scope: the token lacks scope "' + (p.scope || '') + '", RFC 6750 §3.1)' : ' (RFC 9110 §15.5.4)');
  return '';
}
async function login() {
  const form = new URLSearchParams({grant_type: 'password', username: $('user').value, password: $('password').value});
  const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
  const id = $('client').value;
  if (id && $('secret').value)
    headers.Authorization = 'Basic ' + btoa(encodeURIComponent(id) + ':' + encodeURIComponent($('secret').value));
  else if (id) form.set('client_id', id);
  const response = await fetch('/token', {method: 'POST', headers, body: form});
  const body = await response.json();
  token = body.access_token || '';
  show('token', token ? decode(token) + '\nrefresh token: ' + (body.refresh_token || '-')
                      : response.status + ' ' + JSON.stringify(body));
}
async function call(method, path) {
  const headers = token ? {Authorization: 'Bearer ' + token} : {};
  const response = await fetch(path, {method, headers});
  const text = await response.text();
  const interesting = ['www-authenticate', 'cache-control', 'server-timing', 'content-type', 'allow', 'retry-after'];
  let out = method + ' ' + path + (token ? '\nAuthorization: Bearer ' + token.slice(0, 12) + '...' : '') +
    '\n\nHTTP ' + response.status + ' ' + response.statusText + '\n';
  for (const name of interesting) if (response.headers.has(name)) out += name + ': ' + response.headers.get(name) + '\n';
  show('response', out + '\n' + text);
  show('explain', explain(response.status, response.headers.get('www-authenticate')));
  $('response').dataset.status = String(response.status);
}
async function routes() {
  const api = await (await fetch('/openapi.json')).json();
  for (const [path, item] of Object.entries(api.paths)) {
    if (!item.get || path.includes('{')) continue;
    const button = document.createElement('button');
    button.textContent = 'GET ' + path;
    button.dataset.path = path;
    button.addEventListener('click', () => call('GET', path));
    $('routes').appendChild(button);
  }
}
$('login').addEventListener('click', login);
$('logout').addEventListener('click', () => { token = ''; show('token', 'no token'); });
routes();
)JS";

std::string base64_sha256(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

DocsPage build() {
  DocsPage page;
  page.html = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>authprobe auth console</title><style>)";
  page.html += style;
  page.html += R"(</style></head><body>
<h1>authprobe auth console</h1>
<fieldset><legend>Log in (password grant, POST /token)</legend>
<label>user <input id="user" value="alice" autocomplete="off"></label>
<label>password <input id="password" type="password" autocomplete="off"></label>
<label>client <input id="client" value="cli" autocomplete="off"></label>
<label>client secret <input id="secret" type="password" autocomplete="off"></label>
<button id="login">Log in</button> <button id="logout">Forget token</button>
<p>The users, passwords and clients are listed at <a href="/">/</a>.</p></fieldset>
<h2>Token</h2><pre id="token">no token</pre>
<h2>Routes (from /openapi.json)</h2><div id="routes"></div>
<h2>Response</h2><p class="explain" id="explain"></p><pre id="response"></pre>
<script>)";
  page.html += script;
  page.html += "</script></body></html>\n";
  page.content_security_policy = "default-src 'none'; script-src 'sha256-" + base64_sha256(script) +
                                 "'; style-src 'sha256-" + base64_sha256(style) +
                                 "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return page;
}

}  // namespace

const DocsPage& docs_page() {
  static const DocsPage page = build();
  return page;
}

}  // namespace authprobe::server::description
