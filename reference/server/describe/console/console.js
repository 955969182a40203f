'use strict';
// The auth console of the authprobe reference server (GET /docs). All it knows about the server
// comes from the server: the operations, the token URL and the scopes from the OpenAPI document,
// the users, clients and whether /token needs client authentication from the accounts document
// (their paths are data attributes of <body>). Whatever came over the network is shown with
// textContent, never as markup; links are built from the constant RFC addresses below only.
const $ = (id) => document.getElementById(id);
const paths = document.body.dataset;  // openapi, accounts, expiredToken

const RFC = {
  status401: ['RFC 9110 §15.5.2', 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2'],
  challenge: ['RFC 9110 §11.6.1', 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1'],
  status403: ['RFC 9110 §15.5.4', 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4'],
  basic: ['RFC 7617 §2', 'https://www.rfc-editor.org/rfc/rfc7617#section-2'],
  bearer: ['RFC 6750 §3', 'https://www.rfc-editor.org/rfc/rfc6750#section-3'],
  bearerErrors: ['RFC 6750 §3.1', 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1'],
  tokenResponse: ['RFC 6749 §5.1', 'https://www.rfc-editor.org/rfc/rfc6749#section-5.1'],
  tokenErrors: ['RFC 6749 §5.2', 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2'],
  refresh: ['RFC 6749 §6', 'https://www.rfc-editor.org/rfc/rfc6749#section-6'],
  reuse: ['RFC 9700 §4.14.2', 'https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2'],
  exp: ['RFC 7519 §4.1.4', 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4'],
  signature: ['RFC 7515 §5.2', 'https://www.rfc-editor.org/rfc/rfc7515#section-5.2'],
};

// What each RFC 6749 §5.2 error code says.
const TOKEN_ERRORS = {
  invalid_request: 'the request is missing a parameter, repeats one, or is malformed',
  invalid_client: 'client authentication failed (unknown client, wrong or missing secret)',
  invalid_grant: 'the username and password, or the refresh token, are wrong, expired, used or revoked',
  unauthorized_client: 'this client may not use this grant type',
  unsupported_grant_type: 'the server does not support this grant type',
  invalid_scope: 'the requested scope is unknown, malformed or more than the grant holds',
};

const state = {
  api: null,           // the OpenAPI document
  tokenUrl: '',
  refreshUrl: '',
  allScopes: [],       // every scope the OpenAPI document names
  accounts: null,      // the accounts document
  token: '',
  refreshToken: '',
  oldRefreshToken: '', // the refresh token the last refresh retired
  loginClient: null,   // {id, secret}: the client the tokens were issued to
  last: null,          // the last Bearer operation called, for the bad-token buttons
  operations: [],      // one entry per operation of the OpenAPI document
  expiredTokenOffered: false,
};

function show(id, text) { $(id).textContent = text; }

// ---- base64url and JWTs (RFC 7515 §2, RFC 7519 §3) ----
function b64urlDecode(part) {
  const b = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b + '='.repeat((4 - b.length % 4) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
function b64urlEncode(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function parseJwt(jwt) {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  try {
    return {header: JSON.parse(b64urlDecode(parts[0])), payload: JSON.parse(b64urlDecode(parts[1])), signature: parts[2]};
  } catch (e) {
    return null;
  }
}
function describeJwt(jwt) {
  const parsed = parseJwt(jwt);
  if (!parsed) return 'not a JWT: ' + jwt;
  return 'header:    ' + JSON.stringify(parsed.header) +
    '\npayload:   ' + JSON.stringify(parsed.payload, null, 2) +
    '\nsignature: ' + parsed.signature + '\n           (the server checks it with its key; this page cannot)' +
    '\n\nthe token as sent: ' + jwt;
}
function expOf(jwt) {
  const parsed = parseJwt(jwt);
  return parsed && typeof parsed.payload.exp === 'number' ? parsed.payload.exp : null;
}
function secondsLeft(jwt) {
  const exp = expOf(jwt);
  return exp === null ? null : exp - Math.floor(Date.now() / 1000);
}
function updateExpiry() {
  if (!state.token) { show('expires', 'no token'); return; }
  const left = secondsLeft(state.token);
  if (left === null) { show('expires', 'no exp claim: the token never expires'); return; }
  const at = new Date(expOf(state.token) * 1000).toISOString().replace('.000Z', 'Z');
  show('expires', (left > 0 ? 'in ' + left + ' s' : 'expired ' + -left + ' s ago') + ' (exp ' + at + ')');
}

// ---- WWW-Authenticate (RFC 9110 §11.6.1): fetch joins several fields with ", " ----
function parseChallenges(value) {
  const challenges = [];
  const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;
  let rest = value;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = rest.match(token);
    if (!name) break;
    rest = rest.slice(name[0].length);
    const assignment = rest.match(/^\s*=\s*/);
    if (!assignment || challenges.length === 0) {
      challenges.push({scheme: name[0], params: {}});
      continue;
    }
    rest = rest.slice(assignment[0].length);
    let item;
    if (rest.startsWith('"')) {
      const quoted = rest.match(/^"((?:[^"\\]|\\.)*)"/);
      if (!quoted) break;
      item = quoted[1].replace(/\\(.)/g, '$1');
      rest = rest.slice(quoted[0].length);
    } else {
      const bare = rest.match(token) || [''];
      item = bare[0];
      rest = rest.slice(bare[0].length);
    }
    challenges[challenges.length - 1].params[name[0].toLowerCase()] = item;
  }
  return challenges;
}

// ---- explanations: [text, RFC keys...] per line ----
// "Challenge: scheme Bearer, error code "insufficient_scope", missing scope "admin"…": the parts of
// one challenge named, then what they ask of the client.
function challengeParts(challenge) {
  const p = challenge.params;
  let text = 'Challenge: scheme ' + challenge.scheme;
  if (p.realm !== undefined) text += ', realm "' + p.realm + '"';
  if (p.error) text += ', error code "' + p.error + '"';
  if (p.error_description) text += ' ("' + p.error_description + '")';
  if (p.scope) text += ', ' + (p.error === 'insufficient_scope' || !p.error ? 'missing' : 'needed') + ' scope "' + p.scope + '"';
  return text;
}

function challengeMeaning(challenge, sentBearer) {
  const scheme = challenge.scheme.toLowerCase();
  const p = challenge.params;
  const parts = challengeParts(challenge);
  if (scheme === 'basic')
    return [parts + '. Send "Authorization: Basic " + base64(user ":" password); the realm names the protection space',
      'basic'];
  if (scheme !== 'bearer') return [parts + '. A scheme this page does not send', 'challenge'];
  if (p.error === 'invalid_token') {
    const expired = /expir/i.test(p.error_description || '');
    return [parts + '. The token was refused: ' + (expired ? 'its exp is in the past, so it no longer counts'
      : 'it is malformed, expired, revoked or its signature does not verify'), 'bearerErrors'].concat(expired ? ['exp'] : []);
  }
  if (p.error === 'insufficient_scope')
    return [parts + '. The token is valid but not enough for this resource', 'bearerErrors'];
  if (p.error) return [parts + '. The request was malformed for a Bearer resource', 'bearerErrors'];
  if (p.scope)
    return [parts + '. A 401 naming a scope with no error code is how the FastAPI scopes tutorial refuses a missing ' +
      'scope; RFC 6750 §3.1 asks for 403 with error="insufficient_scope"', 'bearerErrors'];
  if (sentBearer)
    return [parts + '. The token was refused, but the challenge names no error code; RFC 6750 §3.1 asks for ' +
      'error="invalid_token" (the FastAPI tutorials send a bare challenge and a {"detail": ...} body)', 'bearerErrors'];
  return [parts + '. Send "Authorization: Bearer <token>"; no error code, because the request carried no Bearer token',
    'bearer'];
}

function explainTokenEndpoint(result, context) {
  const body = result.json || {};
  const lines = [];
  if (result.status === 200) {
    lines.push([result.status + ': the token endpoint issued an access token' +
      (body.refresh_token ? ' and a refresh token' : ' (and no refresh token)') + ', with Cache-Control: no-store',
    'tokenResponse']);
    if (context.grant === 'refresh_token')
      lines.push(['The refresh token was rotated: the old one is used up; replaying it is refused', 'refresh', 'reuse']);
    return lines;
  }
  if (typeof body.error === 'string') {
    lines.push([result.status + ' ' + result.statusText + ' with error="' + body.error + '": ' +
      (TOKEN_ERRORS[body.error] || 'an error code of the token endpoint') +
      (body.error_description ? ' (the server says: ' + body.error_description + ')' : ''), 'tokenErrors']);
  } else if (body.detail !== undefined) {
    const detail = typeof body.detail === 'string' ? ' ("' + body.detail + '")' : '';
    lines.push([result.status + ' with a {"detail": ...} body' + detail + ': the FastAPI tutorials\' answer; RFC 6749 ' +
      '§5.2 asks for {"error": ...}: 400 invalid_grant for a wrong password or a disabled account, 400 ' +
      'invalid_request for a missing parameter', 'tokenErrors']);
  } else {
    lines.push([result.status + ' ' + result.statusText, 'tokenErrors']);
  }
  if (body.error === 'invalid_client')
    lines.push(['This 401 carries a challenge for the scheme the client authenticates with (Basic)', 'tokenErrors',
      'status401']);
  if (context.replay)
    lines.push(['A refresh token is good for one use. Presenting a used one again means it may have leaked, so the ' +
      'server revokes the whole grant: the current refresh token is refused from now on too (try Refresh)', 'reuse', 'refresh']);
  return lines;
}

function explainResource(result, context) {
  const lines = [];
  const challenges = parseChallenges(result.headers.get('www-authenticate') || '');
  const bearer = challenges.find((c) => c.scheme.toLowerCase() === 'bearer');
  if (result.status === 401) {
    lines.push(['401 Unauthorized: the request lacks valid credentials for this resource; the answer must carry a ' +
      'WWW-Authenticate challenge saying how to authenticate', 'status401', 'challenge']);
    if (challenges.length === 0) lines.push(['No WWW-Authenticate field: every 401 needs one', 'status401']);
  } else if (result.status === 403) {
    if (bearer && bearer.params.error === 'insufficient_scope')
      lines.push(['403 Forbidden: the token is valid but lacks scope "' + (bearer.params.scope || '?') +
        '" (error="insufficient_scope"); logging in again will not help unless the user holds that scope', 'bearerErrors']);
    else
      lines.push(['403 Forbidden: the server knows who you are and refuses (e.g. a role you lack, or another user\'s ' +
        'record); authenticating again will not help', 'status403']);
  } else if (result.status >= 200 && result.status < 300) {
    lines.push([result.status + ' ' + result.statusText + ': allowed']);
  } else {
    lines.push([result.status + ' ' + result.statusText]);
  }
  for (const challenge of challenges) lines.push(challengeMeaning(challenge, context.sentBearer));
  return lines;
}

function renderExplanation(result, context) {
  const box = $('explain');
  box.replaceChildren();
  box.dataset.status = String(result.status);
  const lines = (context.notes || []).concat(
    context.tokenEndpoint ? explainTokenEndpoint(result, context) : explainResource(result, context));
  for (const [text, ...keys] of lines) {
    const line = document.createElement('p');
    line.textContent = text;
    for (const key of keys) {
      const link = document.createElement('a');
      link.href = RFC[key][1];
      link.textContent = RFC[key][0];
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      line.appendChild(link);
    }
    box.appendChild(line);
  }
}

// ---- one exchange, shown raw ----
async function exchange(method, path, headers, body) {
  let request = method + ' ' + path + ' HTTP/1.1\nHost: ' + location.host + '\n';
  for (const [name, value] of Object.entries(headers)) request += name + ': ' + value + '\n';
  request += '(the browser adds its own fields too, e.g. User-Agent and Accept)\n';
  if (body !== undefined) request += '\n' + body;
  show('request', request);
  show('response', 'waiting for the answer…');
  $('response').dataset.status = '';
  let response;
  try {
    // credentials 'omit': the browser neither adds remembered credentials nor prompts on a
    // Basic challenge; every Authorization field is the one shown above.
    response = await fetch(path, {method, headers, body, credentials: 'omit', cache: 'no-store', redirect: 'manual'});
  } catch (e) {
    show('response', 'no answer: ' + e.message);
    $('response').dataset.status = 'error';
    return null;
  }
  const text = await response.text();
  let out = 'HTTP/1.1 ' + response.status + ' ' + response.statusText + '\n';
  for (const [name, value] of response.headers) out += name + ': ' + value + '\n';
  out += '(header names as the browser gives them: lower case, repeated fields joined by ", ")\n\n' + text;
  show('response', out);
  $('response').dataset.status = String(response.status);
  let json = null;
  try { json = JSON.parse(text); } catch (e) { json = null; }
  return {status: response.status, statusText: response.statusText, headers: response.headers, text, json};
}

// ---- client and user authentication ----
function formEncode(value) { return new URLSearchParams({v: value}).toString().slice(2); }
function base64Utf8(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
// RFC 6749 §2.3.1: a confidential client by Basic with the form-encoded id and secret; a public
// client names itself with client_id in the form.
function addClient(form, headers, client) {
  if (!client || !client.id) return;
  if (client.secret) headers.Authorization = 'Basic ' + btoa(formEncode(client.id) + ':' + formEncode(client.secret));
  else form.set('client_id', client.id);
}
function clientFromInputs() { return {id: $('client').value, secret: $('secret').value}; }

async function tokenRequest(url, form, client, context) {
  const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
  addClient(form, headers, client);
  const result = await exchange('POST', url, headers, form.toString());
  if (result) renderExplanation(result, Object.assign({tokenEndpoint: true}, context));
  return result;
}

function setTokens(body, client) {
  state.token = body.access_token || '';
  if (body.refresh_token) state.refreshToken = body.refresh_token;
  state.loginClient = client;
  show('token', state.token ? describeJwt(state.token) : 'no token');
  show('refresh-token', state.refreshToken || 'none (the server issued none to this client)');
  updateExpiry();
  updateButtons();
}

function forget(reason) {
  state.token = '';
  state.refreshToken = '';
  state.oldRefreshToken = '';
  show('token', reason);
  show('refresh-token', 'none');
  $('bad-token').hidden = true;
  updateExpiry();
  updateButtons();
}

async function login() {
  const form = new URLSearchParams({grant_type: 'password', username: $('user').value, password: $('password').value});
  const client = clientFromInputs();
  forget('logging in…');
  const result = await tokenRequest(state.tokenUrl, form, client, {grant: 'password'});
  if (result && result.status === 200 && result.json && result.json.access_token) setTokens(result.json, client);
  else forget('no token: the login was refused (see the answer)');
}

async function refresh(replay) {
  const used = replay ? state.oldRefreshToken : state.refreshToken;
  const form = new URLSearchParams({grant_type: 'refresh_token', refresh_token: used});
  const result = await tokenRequest(state.refreshUrl, form, state.loginClient, {grant: 'refresh_token', replay});
  if (!replay && result && result.status === 200 && result.json && result.json.access_token) {
    state.oldRefreshToken = used;
    setTokens(result.json, state.loginClient);
  }
  updateButtons();
}

function updateButtons() {
  $('refresh').disabled = !state.refreshToken;
  $('replay').disabled = !state.oldRefreshToken;
  $('tamper').disabled = !state.token;
  $('expired').disabled = !state.token || !state.expiredTokenOffered;
}

// ---- the operations of the OpenAPI document ----
function schemesOf(operation) {
  const schemes = new Set();
  const scopes = new Set();
  for (const alternative of operation.security || []) {
    for (const [name, needed] of Object.entries(alternative)) {
      const scheme = ((state.api.components || {}).securitySchemes || {})[name] || {};
      if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme)) schemes.add('Basic');
      else if (scheme.type === 'oauth2' || (scheme.type === 'http' && /^bearer$/i.test(scheme.scheme))) schemes.add('Bearer');
      for (const scope of needed) scopes.add(scope);
    }
  }
  return {schemes: [...schemes], scopes: [...scopes]};
}

function credentialsFor(operation) {  // one of state.operations
  const mode = $('auth-mode').value;
  const schemes = operation.schemes;
  const basic = () => 'Basic ' + base64Utf8($('user').value + ':' + $('password').value);
  if (mode === 'bearer') return state.token ? 'Bearer ' + state.token : null;
  if (mode === 'basic') return basic();
  if (mode === 'none') return null;
  if (schemes.includes('Bearer') && state.token) return 'Bearer ' + state.token;
  if (schemes.includes('Basic') && $('user').value && $('password').value) return basic();
  return null;
}

async function callOperation(op, authorization, notes) {
  let path = op.path;
  for (const input of op.params) path = path.replace('{' + input.dataset.param + '}', encodeURIComponent(input.value));
  const headers = {};
  if (authorization) headers.Authorization = authorization;
  let body;
  if (op.body) {
    headers['Content-Type'] = op.mediaType;
    body = op.body.value;
  }
  const result = await exchange(op.method, path, headers, body);
  if (!result) return null;
  const tokenEndpoint = op.path === state.tokenUrl;
  renderExplanation(result, {tokenEndpoint, sentBearer: /^Bearer /.test(authorization || ''), notes});
  if (op.schemes.includes('Bearer') && !tokenEndpoint) state.last = op;
  return result;
}

function renderOperations() {
  const box = $('routes');
  for (const [path, item] of Object.entries(state.api.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const {schemes, scopes} = schemesOf(operation);
      const op = {method: method.toUpperCase(), path, schemes, scopes, params: [], body: null, mediaType: ''};
      const row = document.createElement('div');
      row.className = 'op';
      const send = document.createElement('button');
      send.className = 'send';
      send.textContent = op.method + ' ' + path;
      send.dataset.op = op.method + ' ' + path;
      send.dataset.auth = schemes.length ? schemes.join(' ') : 'open';
      send.dataset.scopes = scopes.join(' ');
      row.appendChild(send);
      const needs = document.createElement('span');
      needs.className = 'needs';
      needs.textContent = ' ' + (schemes.length ? schemes.join(' or ') : 'open') +
        (scopes.length ? ', scope ' + scopes.join(' ') : '') + ': ' + (operation.summary || '') +
        (operation.description ? '; ' + operation.description : '');
      row.appendChild(needs);
      for (const parameter of operation.parameters || []) {
        if (parameter.in !== 'path') continue;
        const label = document.createElement('label');
        label.textContent = ' ' + parameter.name + ' ';
        const input = document.createElement('input');
        input.dataset.param = parameter.name;
        input.placeholder = parameter.name;
        label.appendChild(input);
        row.appendChild(label);
        op.params.push(input);
      }
      const content = ((operation.requestBody || {}).content) || {};
      const mediaType = Object.keys(content)[0];
      if (mediaType) {
        const example = content[mediaType].example;
        op.mediaType = mediaType;
        op.body = document.createElement('textarea');
        op.body.rows = 2;
        op.body.dataset.body = op.method + ' ' + path;
        op.body.value = example === undefined ? '' : (typeof example === 'string' ? example : JSON.stringify(example));
        const caption = document.createElement('div');
        caption.className = 'small';
        caption.textContent = 'body (' + mediaType + '), editable:';
        row.appendChild(caption);
        row.appendChild(op.body);
      }
      send.addEventListener('click', () => act(async () => {
        for (const input of op.params) if (!input.value) input.value = $('user').value;
        await callOperation(op, credentialsFor(op));
      }));
      box.appendChild(row);
      state.operations.push(op);
    }
  }
}

// The operation the bad-token buttons use: the last Bearer operation called, else the first GET
// taking Bearer with no parameter (one needing no scope if there is one).
function badTokenTarget() {
  if (state.last) return state.last;
  const candidates = state.operations.filter((op) => op.method === 'GET' && op.schemes.includes('Bearer') && !op.params.length);
  return candidates.find((op) => !op.scopes.length) || candidates[0] || null;
}

async function tampered() {
  const target = badTokenTarget();
  const parsed = parseJwt(state.token);
  if (!target || !parsed) return;
  const payload = Object.assign({}, parsed.payload);
  const held = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  payload.scope = [...new Set(held.concat(state.allScopes))].join(' ');
  const [header, , signature] = state.token.split('.');
  const forged = header + '.' + b64urlEncode(JSON.stringify(payload)) + '.' + signature;
  $('bad-token').hidden = false;
  show('bad-token', 'Tampered token (payload changed, signature kept):\n' + describeJwt(forged));
  await callOperation(target, 'Bearer ' + forged, [[
    'The page changed the payload (scope "' + held.join(' ') + '" became "' + payload.scope + '") and kept the ' +
    'signature. The signature covers header and payload, so it no longer verifies: expect 401 invalid_token',
    'signature', 'bearerErrors']]);
}

async function expired() {
  const target = badTokenTarget();
  if (!target) return;
  const result = await exchange('POST', paths.expiredToken, {Authorization: 'Bearer ' + state.token});
  if (!result || result.status !== 200 || !result.json || !result.json.access_token) {
    if (result) renderExplanation(result, {sentBearer: true});
    return;
  }
  const stale = result.json.access_token;
  const ago = -secondsLeft(stale);
  $('bad-token').hidden = false;
  show('bad-token', 'Expired token (signed by the server, exp ' + ago + ' s ago):\n' + describeJwt(stale));
  await callOperation(target, 'Bearer ' + stale, [[
    'Step 1: POST ' + paths.expiredToken + ' answered 200 with your token signed again by the server, exp ' + ago +
    ' s in the past. Step 2, below: the same route with it; a genuine signature does not save an expired token',
    'exp']]);
}

// ---- users and clients (the accounts document) ----
function renderAccounts() {
  const accounts = state.accounts;
  show('server', accounts.mode + ' mode; ' + (accounts.demo
    ? 'the demo fixture: these passwords are published test credentials, never reuse them'
    : 'a users file supplied by the operator: passwords are not shown, type them'));
  const users = $('users');
  for (const user of accounts.users) {
    const button = document.createElement('button');
    button.textContent = user.username + (user.disabled ? ' (disabled)' : '');
    button.title = 'roles: ' + user.roles.join(', ') + '; scopes: ' + user.scopes.join(' ');
    button.dataset.user = user.username;
    button.dataset.disabled = String(user.disabled);
    button.addEventListener('click', () => act(async () => {
      $('user').value = user.username;
      $('password').value = user.password || '';
      if (user.password !== undefined) await login();
      else $('password').focus();
    }));
    users.appendChild(button);
  }
  const first = accounts.users.find((u) => !u.disabled);
  if (first) {
    $('user').value = first.username;
    $('password').value = first.password || '';
  }
  const pick = $('client-pick');
  const none = document.createElement('option');
  none.value = '';
  none.textContent = '(no client)';
  pick.appendChild(none);
  const clients = accounts.clients.filter((c) => c.grant_types.includes('password'));
  for (const client of clients) {
    const option = document.createElement('option');
    option.value = client.client_id;
    option.textContent = client.client_id + (client.public ? ' (public)' : '') +
      (client.grant_types.includes('refresh_token') ? ', gets refresh tokens' : '');
    pick.appendChild(option);
  }
  const choose = () => {
    const client = clients.find((c) => c.client_id === pick.value);
    $('client').value = client ? client.client_id : '';
    $('secret').value = client && client.secret ? client.secret : '';
  };
  pick.addEventListener('change', choose);
  // Only where the token endpoint asks for client authentication (RFC 6749 §3.2.1).
  pick.value = accounts.client_required && clients.length ? clients[0].client_id : '';
  choose();
}

// Each button runs one action; <body data-done> counts finished actions (for tests and scripts).
let done = 0;
async function act(action) {
  try {
    await action();
  } finally {
    done += 1;
    document.body.dataset.done = String(done);
  }
}

async function start() {
  state.api = await (await fetch(paths.openapi, {credentials: 'omit'})).json();
  const schemes = (state.api.components || {}).securitySchemes || {};
  for (const scheme of Object.values(schemes)) {
    const flow = scheme.type === 'oauth2' && scheme.flows && scheme.flows.password;
    if (!flow) continue;
    state.tokenUrl = flow.tokenUrl;
    state.refreshUrl = flow.refreshUrl || flow.tokenUrl;
    state.allScopes = Object.keys(flow.scopes || {});
  }
  state.expiredTokenOffered = Boolean((state.api.paths[paths.expiredToken] || {}).post);
  renderOperations();
  state.accounts = await (await fetch(paths.accounts, {credentials: 'omit', cache: 'no-store'})).json();
  renderAccounts();
  $('login').addEventListener('click', () => act(login));
  $('refresh').addEventListener('click', () => act(() => refresh(false)));
  $('replay').addEventListener('click', () => act(() => refresh(true)));
  $('logout').addEventListener('click', () => act(async () => forget('no token')));
  $('tamper').addEventListener('click', () => act(tampered));
  $('expired').addEventListener('click', () => act(expired));
  setInterval(updateExpiry, 1000);
  updateButtons();
  document.body.dataset.ready = 'true';
}

start().catch((e) => show('server', 'could not read the server\'s description: ' + e.message));
