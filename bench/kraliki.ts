/**
 * Kraliki through the local runtime:
 * - the twilio-voice answer (signature check, the number's organization and
 *   IVR main menu looked up, the INBOUND call record written, TwiML built),
 *   one request at a time: p50/p99;
 * - a 10,000-row contacts CSV imported through the contact-import queue:
 *   rows/s from the upload's 202 to its progress reaching 100%;
 * - status callbacks (ringing, in-progress, completed for each of those calls)
 *   posted 8 at a time: callbacks/s answered, and until the call-work queue
 *   has also taken every job they set off.
 */
import { randomBytes } from 'node:crypto';
import kraliki from '../functions/kraliki/service.ts';
import { addresses } from '../infra/local/addresses.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { mapConcurrently } from '../shared/concurrency.ts';
import { kralikiHarness } from '../test/kraliki/app-client.ts';
import { csvUpload, numbers } from '../test/kraliki/contacts/csv-upload.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface KralikiBench {
  answers: number;
  answerP50Ms: number;
  answerP99Ms: number;
  importRows: number;
  importSeconds: number;
  importRowsPerSecond: number;
  callbacks: number;
  inFlight: number;
  callbacksPerSecond: number;
  callbacksWithJobsPerSecond: number;
}

export async function benchKraliki(options: { answers?: number; importRows?: number; inFlight?: number } = {}): Promise<KralikiBench> {
  const answers = options.answers ?? 200;
  const importRows = options.importRows ?? 10_000;
  const inFlight = options.inFlight ?? 8;
  // BENCH_LOG=1 prints the runtime's and the functions' lines (to find why a request failed).
  const runtime = await startRuntime({ services: [kraliki], log: process.env.BENCH_LOG ? (line) => process.stderr.write(`${line}\n`) : () => undefined });
  runtime.fakes.twilio.playCallsForward = false;
  const h = kralikiHarness(runtime);
  const expectOk = (what: string, reply: { status: number; text: string }) => {
    if (reply.status >= 300) throw new Error(`${what} answered ${reply.status}: ${reply.text}`);
  };
  try {
    const org = await h.registerOrg();
    const token = org.admin.token;
    const number = `+1415${String(2_000_000 + (Date.now() % 7_000_000)).padStart(7, '0')}`;
    expectOk('PUT /api/settings', await h.app.put('/api/settings', { token, json: { phone_numbers: [number] } }));
    const menu = await h.app.post('/api/ivr/menus', {
      token,
      json: {
        name: 'Main',
        greeting: 'Welcome. Press 1 for sales, 2 for support.',
        options: [
          { digit: '1', description: 'sales', action: 'queue', target: 'sales' },
          { digit: '2', description: 'support', action: 'transfer' },
        ],
      },
    });
    expectOk('POST /api/ivr/menus', menu);
    expectOk('PUT /api/ivr/config', await h.app.put('/api/ivr/config', { token, json: { main_menu_id: menu.body.menu.id } }));

    // The voice answer, one at a time, each a new caller's call.
    const voiceUrl = `${runtime.url}/kraliki/webhooks/twilio-voice`;
    const statusUrl = `${runtime.url}/kraliki/webhooks/twilio-status`;
    const post = async (url: string, params: Record<string, string>) => {
      const signed = runtime.fakes.twilio.signedRequest(url, params);
      const reply = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
      const text = await reply.text();
      if (reply.status !== 200) throw new Error(`${url} answered ${reply.status}: ${text.slice(0, 200)}`);
      return text;
    };
    const warmups = 5;
    const sids: string[] = [];
    const answerMs: number[] = [];
    for (let i = 0; i < answers + warmups; i++) {
      const sid = `CA${randomBytes(16).toString('hex')}`;
      const started = performance.now();
      const twiml = await post(voiceUrl, {
        CallSid: sid,
        From: `+1628555${String(i).padStart(4, '0')}`,
        To: number,
        CallStatus: 'ringing',
        Direction: 'inbound',
      });
      if (i >= warmups) answerMs.push(performance.now() - started);
      if (!twiml.includes('<Gather')) throw new Error(`twilio-voice answered no menu: ${twiml.slice(0, 200)}`);
      sids.push(sid);
    }

    // Status callbacks for every call, each call's in order, many calls at once.
    const callWork = addresses.queueName('kraliki', 'call-work');
    const callbacksStarted = performance.now();
    await mapConcurrently(sids, inFlight, async (sid) => {
      for (const status of ['ringing', 'in-progress', 'completed']) await post(statusUrl, { CallSid: sid, CallStatus: status, CallDuration: '12' });
    });
    const callbacksSeconds = (performance.now() - callbacksStarted) / 1000;
    await runtime.queues.drained(callWork, 300_000);
    const callbacksWithJobsSeconds = (performance.now() - callbacksStarted) / 1000;
    const callbacks = sids.length * 3;

    // A 10,000-row CSV through the import queue.
    const campaign = await h.app.post('/api/campaigns', { token, json: { name: 'Import', type: 'OUTBOUND', instructions: { script: 'Hi' } } });
    expectOk('POST /api/campaigns', campaign);
    const rows = numbers(importRows).map((phone, i) => `${phone},Contact ${i}`);
    const importStarted = performance.now();
    const queued = await h.app.post('/api/contacts/bulk-import', {
      token,
      query: { campaign_id: campaign.body.id },
      ...csvUpload(`phone_number,name\n${rows.join('\n')}\n`),
    });
    expectOk('POST /api/contacts/bulk-import', queued);
    for (;;) {
      const progress = await h.app.get(`/api/contacts/bulk-import/${queued.body.job_id}`, { token });
      if (progress.body.progress === 100) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const importSeconds = (performance.now() - importStarted) / 1000;

    return {
      answers,
      answerP50Ms: percentile(answerMs, 50),
      answerP99Ms: percentile(answerMs, 99),
      importRows,
      importSeconds,
      importRowsPerSecond: importRows / importSeconds,
      callbacks,
      inFlight,
      callbacksPerSecond: callbacks / callbacksSeconds,
      callbacksWithJobsPerSecond: callbacks / callbacksWithJobsSeconds,
    };
  } finally {
    h.table.close();
    await runtime.stop();
  }
}
