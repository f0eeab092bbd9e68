namespace Qiwi.Sandbox.Dashboard;

/// <summary>
/// The dashboard: the shops' credentials and the settings to paste into a client, the invoices and refunds with
/// their statuses, the notifications sent and the merchant's replies, and buttons to pay, reject, fail or expire an
/// invoice (a Mobile Commerce one: confirm or decline by SMS, fail or expire) and to advance the clock. Plain HTML and a small script that calls the same control API the tests use
/// (and builds the page with textContent, so no bill id can inject markup).
/// </summary>
internal static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>QIWI Sandbox</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{text-align:left;padding:.25rem .7rem .25rem 0;border-bottom:1px solid #ddd;vertical-align:top}
pre{background:#f5f5f5;padding:.6rem;overflow:auto}button{margin:0 .3rem .2rem 0}.muted{color:#666}
</style>
</head>
<body>
<h1>QIWI Sandbox</h1>
<p class="muted">Everything on this page goes through the control API under <code>/sandbox/control/</code> (see docs/sandbox.md).</p>
<h2>Clock</h2>
<p>Sandbox time (Moscow): <strong id="clock">...</strong> <span class="muted" id="offset"></span></p>
<p><label>Advance by <input id="advance-seconds" type="number" min="1" value="3600" style="width:8rem"> seconds</label>
<button id="advance">Advance the clock</button>
<button data-advance="86400">+1 day</button><button data-advance="3888000">+45 days</button></p>
<h2>Shops</h2>
<div id="shops"></div>
<h2>Invoices</h2>
<table id="invoices"><thead><tr><th>Shop</th><th>Bill id</th><th>Amount</th><th>Paid from wallet</th><th>Status</th><th>Payer</th><th>Expires</th><th>Refunds</th><th></th></tr></thead><tbody></tbody></table>
<h2>Notifications</h2>
<table id="notifications"><thead><tr><th>Bill id</th><th>Status</th><th>Attempts</th><th>Last reply</th><th>Outcome</th></tr></thead><tbody></tbody></table>
<p id="message" class="muted"></p>
<script>
const base = location.origin + '/';
const control = base + 'sandbox/control/';
function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}
function row(cells) { const tr = el('tr'); for (const c of cells) { const td = el('td'); if (c instanceof Node) td.appendChild(c); else td.textContent = c ?? ''; tr.appendChild(td); } return tr; }
async function call(method, path, body) {
  const response = await fetch(control + path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  document.getElementById('message').textContent = response.ok ? '' : method + ' ' + path + ': HTTP ' + response.status + ' ' + text;
  return text ? JSON.parse(text) : null;
}
async function act(shop, bill, action) { await call('POST', 'bills/' + shop + '/' + action, { bill_id: bill }); await refresh(); }
async function advance(seconds) { await call('POST', 'clock/advance', { seconds: Number(seconds) }); await refresh(); }
function paste(shop) {
  return JSON.stringify({ Qiwi: { SandboxBaseUrl: base, ShopId: shop.shop_id, ApiId: shop.api_id, ApiPassword: shop.api_password, NotificationPassword: shop.notification_password } }, null, 2);
}
function pasteCode(shop) {
  return 'new QiwiPullClientOptions { SandboxBaseUrl = new Uri(' + JSON.stringify(base) + '), ShopId = ' + shop.shop_id + ', ApiId = ' + JSON.stringify(shop.api_id) + ', ApiPassword = ' + JSON.stringify(shop.api_password) + ' }';
}
async function refresh() {
  const clock = await call('GET', 'clock');
  document.getElementById('clock').textContent = clock.moscow;
  document.getElementById('offset').textContent = clock.offset_seconds > 0 ? '(advanced by ' + clock.offset_seconds + ' s)' : '';
  const shops = document.getElementById('shops'); shops.replaceChildren();
  for (const shop of await call('GET', 'shops')) {
    shops.appendChild(el('h3', 'Shop ' + shop.shop_id));
    shops.appendChild(el('p', 'Client settings to paste into appsettings.json (the section samples/Qiwi.Samples.Shop reads; SandboxBaseUrl points the API and every checkout page here):'));
    shops.appendChild(el('pre', paste(shop), { 'class': 'paste', 'data-shop': shop.shop_id }));
    shops.appendChild(el('p', 'Or in code (the generated client options):'));
    shops.appendChild(el('pre', pasteCode(shop), { 'class': 'paste-code', 'data-shop': shop.shop_id }));
    const { api_password, notification_password, ...settings } = shop;
    shops.appendChild(el('p', 'Shop settings (change with PATCH ' + control + 'shops/' + shop.shop_id + '):'));
    shops.appendChild(el('pre', JSON.stringify(settings, null, 2)));
  }
  const invoices = document.querySelector('#invoices tbody'); invoices.replaceChildren();
  for (const bill of await call('GET', 'bills')) {
    const buttons = el('span');
    if (bill.status === 'waiting') {
      // A Mobile Commerce invoice is decided by the payer's reply SMS, not the wallet's Pay and Reject.
      const actions = bill.pay_source === 'mobile' ? ['sms/confirm', 'sms/decline', 'fail', 'expire'] : ['pay', 'reject', 'fail', 'expire'];
      for (const action of actions) {
        const label = { 'sms/confirm': 'Confirm by SMS', 'sms/decline': 'Decline by SMS' }[action] ?? action[0].toUpperCase() + action.slice(1);
        const b = el('button', label, { 'data-action': action, 'data-bill': bill.bill_id });
        b.onclick = () => act(bill.shop_id, bill.bill_id, action);
        buttons.appendChild(b);
      }
    }
    const refunds = bill.refunds.map(r => r.refund_id + ' ' + r.amount + ' ' + r.status).join('; ');
    const tr = row([String(bill.shop_id), bill.bill_id, bill.amount + ' ' + bill.currency, bill.origin_amount === null ? '' : bill.origin_amount + ' ' + bill.origin_currency,
      el('span', bill.status, { 'class': 'status' }), bill.user, bill.expires_at, refunds, buttons]);
    tr.setAttribute('data-bill', bill.bill_id);
    invoices.appendChild(tr);
  }
  const notifications = document.querySelector('#notifications tbody'); notifications.replaceChildren();
  for (const n of await call('GET', 'notifications')) {
    const last = n.attempts.length ? n.attempts[n.attempts.length - 1] : null;
    const reply = last ? (last.http_status === null ? last.error : 'HTTP ' + last.http_status + ', result_code ' + (last.result_code ?? '-')) : '';
    notifications.appendChild(row([n.bill_id, n.status, String(n.attempts.length), reply, n.delivered ? 'delivered' : n.gave_up ? 'gave up' : 'repeating']));
  }
}
document.getElementById('advance').onclick = () => advance(document.getElementById('advance-seconds').value);
for (const b of document.querySelectorAll('[data-advance]')) b.onclick = () => advance(b.getAttribute('data-advance'));
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
""";
}
