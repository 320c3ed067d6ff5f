// Verifies webhook deliveries with the reference Standard Webhooks library (npm standardwebhooks 1.1.1), as a receiver
// would. stdin: {"cases": [{"name", "secret", "headers": {...}, "body"}]}; stdout: {"<name>": "ok" or the library's error}.
const { Webhook } = require('standardwebhooks');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = {};
  for (const c of JSON.parse(input).cases) {
    try {
      new Webhook(c.secret).verify(c.body, c.headers);
      out[c.name] = 'ok';
    } catch (e) {
      out[c.name] = e.message;
    }
  }
  process.stdout.write(JSON.stringify(out));
});
