/**
 * `npm run outbox`: what the local provider adapters "sent" (SMS, push, e-mail,
 * WhatsApp, calls), read from a running local runtime.
 *   --url <base>       the runtime (default http://127.0.0.1:3000, or $PORT)
 *   --channel <name>   only this channel: sms, push, email, ...
 *   --to <recipient>   only messages to this recipient
 *   --service <name>   only messages from this service
 *   --follow           keep watching and print messages as they arrive
 */
import { parseArgs } from 'node:util';
import type { OutboxFilter, OutboxRecord } from '../../../shared/providers/outbox.ts';
import { addresses } from '../addresses.ts';

const POLL_MS = 1000;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
    channel: { type: 'string' },
    to: { type: 'string' },
    service: { type: 'string' },
    follow: { type: 'boolean', default: false },
  },
});

async function fetchMessages(filter: OutboxFilter): Promise<OutboxRecord[]> {
  const url = new URL(addresses.outbox(values.url.replace(/\/$/, '')));
  for (const [name, value] of Object.entries(filter)) if (value !== undefined) url.searchParams.set(name, value);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { messages: OutboxRecord[] }).messages;
}

function print(record: OutboxRecord): void {
  const time = new Date(record.at).toLocaleTimeString();
  console.log(`${time}  ${record.channel.padEnd(8)} ${(record.service ?? '-').padEnd(8)} ${record.to}  ${JSON.stringify(record.payload)}`);
}

const filter: OutboxFilter = { channel: values.channel, to: values.to, service: values.service };
let since: string | undefined;
/** `since` is inclusive, so records of the newest millisecond shown come back once more; they are skipped by id. */
const shownAtSince = new Set<string>();

function show(messages: OutboxRecord[]): void {
  for (const message of messages) {
    if (shownAtSince.has(message.id)) continue;
    print(message);
    if (message.at !== since) {
      since = message.at;
      shownAtSince.clear();
    }
    shownAtSince.add(message.id);
  }
}

if (!values.follow) {
  try {
    const messages = await fetchMessages(filter);
    if (!messages.length) console.log('(the outbox is empty)');
    show(messages);
  } catch (error) {
    console.error(`✖ cannot read the outbox at ${values.url}: ${(error as Error).message}. Is \`npm start\` running?`);
    process.exit(1);
  }
} else {
  let reachable = true;
  for (;;) {
    try {
      show(await fetchMessages({ ...filter, since }));
      reachable = true;
    } catch (error) {
      if (reachable) console.error(`… waiting for the runtime at ${values.url} (${(error as Error).message})`);
      reachable = false;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
