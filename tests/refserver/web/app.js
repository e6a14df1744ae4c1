// The reference server's pages (login, invite, headless): plain JavaScript, no framework and no
// build step. Each page's <body data-page="..."> picks its part below. What the user must see
// goes to #status (success) or #error (failure), which tests read too.
'use strict';

const $ = (id) => document.getElementById(id);

function show(id, visible) {
  $(id).hidden = !visible;
}

function say(id, text) {
  $(id).textContent = text || '';
  show(id, Boolean(text));
}

const showError = (text) => say('error', text);
const showStatus = (text) => say('status', text);
// What the user must do now ("Tap your security key."); gone when the step ends.
const showPrompt = (text) => say('prompt', text);

// An error answer of the server: {"error":{"message","kind","hint"}}.
class ApiError extends Error {
  constructor(status, message, kind) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  const text = await resp.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (_) {
    data = null;
  }
  if (!resp.ok) {
    const err = data && data.error;
    const message = err ? err.message + (err.hint ? ` (${err.hint})` : '') : `the server answered HTTP ${resp.status}`;
    throw new ApiError(resp.status, message, err && err.kind);
  }
  return data;
}

// A message for any failure, with the browser's reason for WebAuthn ones.
function describe(e) {
  if (e instanceof ApiError) return e.message;
  if (e && e.name === 'NotAllowedError') return 'The security key was not used: the request was cancelled or timed out.';
  if (e && e.name === 'InvalidStateError') return 'This security key is registered already.';
  if (e && e.name && e.name !== 'Error') return `${e.name}: ${e.message}`;
  if (e && e.message) return e.message;
  return String(e);
}

function requireWebAuthn() {
  if (!window.isSecureContext || !window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) {
    throw new Error('This browser cannot use security keys on this page (WebAuthn needs a secure context and a current browser).');
  }
}

// Answers a challenge of the server ({publicKey}) with a security key: PublicKeyCredential JSON.
async function assertWithKey(challenge) {
  requireWebAuthn();
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(challenge.publicKey);
  const cred = await navigator.credentials.get({ publicKey });
  return cred.toJSON();
}

// Registers a new security key for a creation challenge ({publicKey}).
async function createKey(challenge) {
  requireWebAuthn();
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(challenge.publicKey);
  const cred = await navigator.credentials.create({ publicKey });
  return cred.toJSON();
}

// Disables a form's buttons while `work` runs; shows its failure in #error.
async function busy(root, work) {
  const buttons = root.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  showError('');
  try {
    await work();
  } catch (e) {
    showError(describe(e));
  } finally {
    showPrompt('');
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// Password, then the second factor the server asks for; the session cookie comes back.
async function signIn(user, pass, otp) {
  const challenge = (await api('POST', '/webapi/mfa/login/begin', { user, pass })) || {};
  const body = { user, pass };
  if (otp && challenge.totp_challenge) {
    body.totp_code = otp;
  } else if (challenge.webauthn_challenge) {
    showPrompt('Tap your security key.');
    body.webauthnAssertionResponse = await assertWithKey(challenge.webauthn_challenge);
  } else if (challenge.totp_challenge) {
    throw new Error('Enter an OTP code from your authenticator app.');
  }
  return api('POST', '/webapi/mfa/login/finishsession', body);
}

function signInForm(then) {
  const form = $('signin');
  show('signin', true);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      const otp = $('otp') ? $('otp').value.trim() : '';
      const session = await signIn($('user').value.trim(), $('password').value, otp);
      $('password').value = '';
      show('signin', false);
      showStatus(`Signed in as ${session.user}.`);
      await then(session);
    });
  });
}

// ---- /web/login -------------------------------------------------------------------------

async function loginPage() {
  const signedIn = (session) => {
    showStatus(`Signed in as ${session.user}.`);
    show('signout', true);
  };
  $('signout').addEventListener('click', () => busy(document.body, async () => {
    await api('DELETE', '/webapi/sessions/web');
    show('signout', false);
    showStatus('Signed out.');
    show('signin', true);
  }));
  try {
    signedIn(await api('GET', '/webapi/sessions/web'));
    return;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) showError(describe(e));
  }
  signInForm(async (session) => signedIn(session));
}

// ---- /web/invite/<token> ----------------------------------------------------------------

async function invitePage() {
  const token = decodeURIComponent(location.pathname.split('/').pop());
  let invite;
  let ping;
  try {
    invite = await api('GET', `/webapi/users/password/token/${encodeURIComponent(token)}`);
    ping = await api('GET', '/webapi/ping');
  } catch (e) {
    showError(describe(e));
    return;
  }
  const auth = ping.auth || {};
  const factor = auth.second_factor || 'off';
  const kinds = [];
  if (auth.webauthn && ['on', 'webauthn', 'optional'].includes(factor)) kinds.push(['webauthn', 'Security key']);
  if (['on', 'otp', 'optional'].includes(factor)) kinds.push(['totp', 'Authenticator app (OTP)']);
  if (['off', 'optional'].includes(factor)) kinds.push(['none', 'None']);
  if (kinds.length === 0) {
    showError(`This cluster requires a second factor (${factor}) but offers none this page can register: ask an admin to configure WebAuthn.`);
    return;
  }
  const select = $('mfa-kind');
  for (const [value, label] of kinds) select.add(new Option(label, value));
  $('invite-user').textContent = invite.user;
  $('invite-expiry').textContent = new Date(invite.expiry).toLocaleString();
  show('invite', true);

  // An OTP secret is made by the registration challenge, and each try uses its challenge up.
  let otpReady = false;
  const newOtpSecret = async () => {
    const ch = await api('POST', `/webapi/mfa/token/${encodeURIComponent(token)}/registerchallenge`,
      { deviceType: 'totp', deviceUsage: 'mfa' });
    $('otp-secret').textContent = ch.totp.secret;
    $('otp-url').textContent = ch.totp.url;
    $('otp-code').value = '';
    otpReady = true;
  };
  const onKind = () => busy($('invite'), async () => {
    const kind = select.value;
    show('key-note', kind === 'webauthn');
    show('otp-setup', kind === 'totp');
    if (kind === 'totp' && !otpReady) await newOtpSecret();
  });
  select.addEventListener('change', onKind);
  await onKind();

  $('invite').addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy($('invite'), async () => {
      const password = $('password').value;
      if (password.length < 12) throw new Error('The password must be at least 12 characters long.');
      if (password !== $('password-confirm').value) throw new Error('The passwords do not match.');
      const body = { token, password: base64(password) };
      if (select.value === 'webauthn') {
        const ch = await api('POST', `/webapi/mfa/token/${encodeURIComponent(token)}/registerchallenge`,
          { deviceType: 'webauthn', deviceUsage: 'mfa' });
        otpReady = false;
        showPrompt('Tap your security key.');
        body.webauthnCreationResponse = await createKey(ch.webauthn);
      } else if (select.value === 'totp') {
        body.second_factor_token = $('otp-code').value.trim();
        if (!body.second_factor_token) throw new Error('Enter the code your authenticator app shows.');
      }
      let done;
      try {
        done = await api('PUT', '/webapi/users/password/token', body);
      } catch (e) {
        if (select.value !== 'totp' || !(e instanceof ApiError) || e.status === 404) throw e;
        otpReady = false;
        await newOtpSecret();
        throw new Error(`${describe(e).replace(/\.?$/, '.')} Add the new secret below to your app and enter its code.`);
      }
      show('invite', false);
      show('done', true);
      const factorText = { webauthn: ' and your security key', totp: ' and your OTP app' }[select.value] || '';
      showStatus(`Your account ${done.user} is ready: sign in with your password${factorText}.`);
    });
  });
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary);
}

// ---- /web/headless/<id> -----------------------------------------------------------------

async function headlessPage() {
  const id = decodeURIComponent(location.pathname.split('/').pop());
  const path = `/webapi/headless/${encodeURIComponent(id)}`;

  const render = (req) => {
    $('req-user').textContent = req.user;
    $('req-ip').textContent = req.client_ip_address;
    $('req-created').textContent = new Date(req.created).toLocaleString();
    $('req-expires').textContent = new Date(req.expires).toLocaleString();
    $('req-state').textContent = req.state;
    show('request', true);
    show('actions', req.state === 'pending');
    if (req.state !== 'pending') {
      showError(`This request is ${req.state} already: there is nothing left to approve or deny.`);
    }
  };
  // The server forgets a denied request at once (the waiting login ends), so the page shows
  // the outcome itself instead of asking again.
  const decided = (state) => {
    $('req-state').textContent = state;
    show('actions', false);
  };
  const load = async () => render(await api('GET', path));

  $('approve').addEventListener('click', () => busy($('request'), async () => {
    const challenge = await api('POST', `${path}/challenge`, {});
    if (!challenge || !challenge.webauthn_challenge) {
      throw new Error('Approving needs a security key, and this account has none registered.');
    }
    showPrompt('Tap your security key.');
    const cred = await assertWithKey(challenge.webauthn_challenge);
    await api('PUT', path, { action: 'accept', webauthnAssertionResponse: cred });
    decided('approved');
    showStatus('Approved: the headless login goes on. You can close this page.');
  }));
  $('deny').addEventListener('click', () => busy($('request'), async () => {
    await api('PUT', path, { action: 'denied' });
    decided('denied');
    showStatus('Denied: the headless login was refused.');
  }));

  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signInForm(async () => {
        await load();
      });
    } else {
      showError(describe(e));
    }
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const pages = { login: loginPage, invite: invitePage, headless: headlessPage };
  const run = pages[document.body.dataset.page];
  if (run) {
    run().catch((e) => showError(describe(e)));
  }
});
