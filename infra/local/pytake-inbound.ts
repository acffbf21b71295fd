/**
 * `npm run pytake:inbound`: plays a WhatsApp customer against a running
 * `npm start`, posting a signed inbound message to PyTake's Meta webhook as Meta
 * would (Meta's JSON escaping, `X-Hub-Signature-256` with the number's app secret).
 *
 *   npm run pytake:inbound -- --to <phone_number_id> --from <wa_id> --text "Olá"
 *     --secret <app secret>    the number's app secret (or $PYTAKE_APP_SECRET)
 *     --name <profile name>    the customer's WhatsApp name (default "Cliente")
 *     --button <id>:<title>    a tapped reply button instead of text
 *     --list <id>:<title>      a chosen list row instead of text
 *     --location <lat>,<lng>   a shared location instead of text
 *     --wamid <id>             the message id (default: a fresh one; repeat it to replay a delivery)
 *     --url <base>             the runtime (default http://127.0.0.1:3000, or $PORT)
 */
import { parseArgs } from 'node:util';
import { addresses } from './addresses.ts';
import { inboundValue, newWamid, postWebhook, webhookBody } from './fakes/meta-webhooks.ts';

const { values } = parseArgs({
  options: {
    to: { type: 'string' },
    from: { type: 'string' },
    text: { type: 'string' },
    secret: { type: 'string', default: process.env.PYTAKE_APP_SECRET },
    name: { type: 'string', default: 'Cliente' },
    button: { type: 'string' },
    list: { type: 'string' },
    location: { type: 'string' },
    wamid: { type: 'string' },
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
  },
});

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

const reply = (kind: 'button_reply' | 'list_reply', spec: string) => {
  const [id, ...title] = spec.split(':');
  return { type: 'interactive', interactive: { type: kind, [kind]: { id, title: title.join(':') || id } } };
};

function messageOf(): Record<string, unknown> {
  if (values.button) return reply('button_reply', values.button);
  if (values.list) return reply('list_reply', values.list);
  if (values.location) {
    const [latitude, longitude] = values.location.split(',').map(Number);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) fail('--location takes <lat>,<lng>');
    return { type: 'location', location: { latitude, longitude } };
  }
  return { type: 'text', text: { body: values.text ?? 'Olá' } };
}

if (!values.to || !values.from) fail('usage: npm run pytake:inbound -- --to <phone_number_id> --from <wa_id> --text "Olá" --secret <app secret>');
if (!values.secret) fail("the number's app secret is needed: --secret <app secret> or PYTAKE_APP_SECRET");

const wamid = values.wamid ?? newWamid();
const body = webhookBody({ phoneNumberId: values.to }, inboundValue({ from: values.from, name: values.name, wamid, message: messageOf() }));
const url = addresses.webhookUrl(values.url.replace(/\/$/, ''), 'pytake', 'meta');
try {
  const answer = await postWebhook(url, body, values.secret);
  console.log(`${answer.status === 200 ? '✓' : '✖'} ${url} answered ${answer.status} ${answer.text}`);
  console.log(`  wamid ${wamid} from ${values.from} to number ${values.to}`);
  if (answer.status !== 200) process.exit(1);
} catch (error) {
  fail(`cannot reach ${url}: ${(error as Error).message}. Is \`npm start\` running?`);
}
