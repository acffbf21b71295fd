/**
 * `npm run bench`: prints the performance figures of the platform.
 *   --only bundles|middleware|gateway|liftlog|penhas|penhas-timeline|penhas-points|pytake|kraliki|synth    one section
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { services } from '../functions/services.ts';
import { type BundleFigure, benchBundles } from './bundles.ts';
import { benchGateway } from './gateway.ts';
import { benchKraliki } from './kraliki.ts';
import { benchLiftlog } from './liftlog.ts';
import { benchMiddleware } from './middleware.ts';
import { benchPenhasAlert } from './penhas-alert.ts';
import { benchPenhasPoints } from './penhas-points.ts';
import { benchPenhasTimeline } from './penhas-timeline.ts';
import { benchPytakeLive } from './pytake-live.ts';
import { benchPytakeWebhook } from './pytake-webhook.ts';
import { benchSynth } from './synth.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const wants = (section: string) => !values.only || values.only === section;
const f = (n: number, digits = 2) => n.toFixed(digits);

if (wants('bundles')) {
  const b = await benchBundles(services);
  console.log(`\n## Bundles and cold import (median of ${process.env.BENCH_COLD_RUNS ?? 5} fresh processes)`);
  console.log(
    `baseline: DynamoDB document client only, bundled by esbuild's defaults: ${f(b.defaultMs)} ms; as this project bundles: ${f(b.ownMs)} ms, ${f(b.baselineKb, 1)} KB`,
  );
  for (const [sdks, ms] of Object.entries(b.sdkBaselineMs)) console.log(`baseline with ${sdks}, bundled by esbuild's defaults: ${f(ms)} ms`);
  console.log('\nservice   function                                   size KB   lazy KB   cold ms   × baseline   × own-bundled   × with its SDKs');
  for (const row of b.rows) {
    console.log(
      `${row.service.padEnd(9)} ${row.functionId.padEnd(42)} ${f(row.kb, 1).padStart(7)}   ${(row.lazyKb ? f(row.lazyKb, 1) : '-').padStart(7)}   ${f(row.coldMs).padStart(7)}   ${f(row.ratio).padStart(10)}   ${f(row.ownRatio).padStart(13)}   ${row.sdks.length ? `${f(row.sdkRatio)} (${row.sdks.join(', ')})` : '-'}`,
    );
  }
  const ratios = (rows: BundleFigure[], pick: (row: BundleFigure) => number) => rows.map(pick).sort((x, y) => x - y);
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const summary = (sorted: number[]) => `median ${f(at(sorted, 0.5))}, p90 ${f(at(sorted, 0.9))}, max ${f(at(sorted, 1))}`;
  const without = b.rows.filter((row) => !row.sdks.length);
  const withSdks = b.rows.filter((row) => row.sdks.length);
  const over = (rows: BundleFigure[], pick: (row: BundleFigure) => number) => rows.filter((row) => pick(row) > 1.3);
  console.log(`\nFunctions without a provider SDK (${without.length} of ${b.rows.length}):`);
  console.log(`  × baseline: ${summary(ratios(without, (row) => row.ratio))}; over 1.3: ${over(without, (row) => row.ratio).length}`);
  console.log(`  × own-bundled baseline: ${summary(ratios(without, (row) => row.ownRatio))}; over 1.3: ${over(without, (row) => row.ownRatio).length}`);
  console.log(`Functions with provider SDKs (${withSdks.length}):`);
  console.log(`  × baseline: ${summary(ratios(withSdks, (row) => row.ratio))}; over 1.3: ${over(withSdks, (row) => row.ratio).length}`);
  console.log(
    `  × the baseline with the same SDKs: ${summary(ratios(withSdks, (row) => row.sdkRatio))}; over 1.3: ${over(withSdks, (row) => row.sdkRatio).length}`,
  );
  const verdict = (row: BundleFigure) => (row.sdks.length ? row.sdkRatio : row.ratio);
  for (const row of over(b.rows, verdict)) {
    console.log(`  over 1.3: ${row.service} ${row.functionId} ${f(verdict(row))}${row.sdks.length ? ` with ${row.sdks.join(', ')}` : ''} (${f(row.kb, 1)} KB)`);
  }
}

if (wants('middleware')) {
  console.log('\n## Middleware stack, warm, per request');
  console.log('stack     bare µs   wrapped µs   overhead ms');
  for (const row of await benchMiddleware()) {
    console.log(`${row.stack.padEnd(9)} ${f(row.bareUs).padStart(7)}   ${f(row.wrappedUs).padStart(10)}   ${f(row.overheadMs, 4).padStart(11)}`);
  }
}

if (wants('gateway')) {
  const g = await benchGateway(services);
  console.log('\n## Local gateway, trivial route (32 connections, 8 s, autocannon in a separate process)');
  console.log(`GET ${g.url}: ${f(g.requestsPerSecond, 0)} requests/s, p50 ${g.p50Ms} ms, p99 ${g.p99Ms} ms, non-2xx ${g.non2xx}, errors ${g.errors}`);
}

if (wants('liftlog')) {
  const l = await benchLiftlog();
  console.log(`\n## LiftLog feed through the local gateway (median of ${l.requests} sequential requests)`);
  console.log(`PUT /event, repeat caller (verification cached):  ${f(l.repeatMs)} ms  (${f(l.repeatMs / l.inboxMs)} × PUT /inbox)`);
  console.log(`PUT /event, first-time caller (PBKDF2):          ${f(l.firstTimeMs)} ms`);
  console.log(`PUT /inbox, unauthenticated:                      ${f(l.inboxMs)} ms`);
  console.log(`POST /events, 200 followed users: ${l.feedOperations} DynamoDB operations (${l.feedOperationsByCommand}), ${f(l.feedMs)} ms`);
}

if (wants('penhas')) {
  const p = await benchPenhasAlert();
  console.log(`\n## PenhaS panic alert through the local gateway (${p.alerts} alerts, each a different account's with 5 accepted guardians)`);
  console.log(`POST /me/guardioes/alert answered:  p50 ${f(p.alertP50Ms)} ms, p99 ${f(p.alertP99Ms)} ms`);
  console.log(`all 5 SMS in the outbox:            p50 ${f(p.allSmsP50Ms)} ms, p99 ${f(p.allSmsP99Ms)} ms (from the request)`);
  console.log(`POST /login (scrypt), p50 of ${p.logins}:      ${f(p.loginP50Ms)} ms`);
  console.log(`DynamoDB operations: alert ${p.alertOperations}; GET /me ${p.meOperations}`);
}

if (wants('penhas-timeline')) {
  const t = await benchPenhasTimeline();
  console.log(`\n## PenhaS timeline with ${t.tweets} tweets through the local gateway (${t.requests} requests, 4 viewers who blocked 3 of the 20 authors)`);
  console.log(
    `GET /timeline?rows=10 (first page):  p50 ${f(t.firstPageP50Ms)} ms, p99 ${f(t.firstPageP99Ms)} ms; ${t.firstPageOperations} DynamoDB operations`,
  );
  console.log(`GET /timeline?next_page=…:           p50 ${f(t.nextPageP50Ms)} ms, p99 ${f(t.nextPageP99Ms)} ms; ${t.nextPageOperations}`);
  console.log(`GET /timeline?parent_id=… (comments): p50 ${f(t.commentsP50Ms)} ms; ${t.commentsOperations}`);
}

if (wants('pytake')) {
  const loadBefore = os.loadavg()[0];
  const w = await benchPytakeWebhook();
  console.log('\n## PyTake Meta webhook through the local runtime');
  console.log(`1-minute load average: ${f(loadBefore)} before, ${f(os.loadavg()[0])} after (${os.availableParallelism()} cores)`);
  console.log(`signed delivery acknowledged (verify, queue, 200), ${w.acks} sequential:  p50 ${f(w.ackP50Ms)} ms, p99 ${f(w.ackP99Ms)} ms`);
  console.log(
    `inbound messages stored end to end (webhook → queue → consumer → table), ${w.burst} customers, ${w.inFlight} in flight: ${f(w.storedPerSecond, 1)} messages/s (${f(w.burstSeconds, 1)} s)`,
  );
  console.log(
    `agent sends through the pacer (POST …/messages → send queue → number and recipient buckets → Graph stand-in), ${w.sends} customers, ${w.sendsInFlight} in flight: ${f(w.sendsAcceptedPerSecond, 1)} accepted/s, ${f(w.sentPerSecond, 1)} sent/s (${f(w.sendSeconds, 1)} s)`,
  );
  const l = await benchPytakeLive();
  console.log(
    `inbound messages live end to end (webhook → stored → live-events → message:new on ${l.sockets} agents' WebSockets): one at a time p50 ${f(l.latencyP50Ms)} ms, p99 ${f(l.latencyP99Ms)} ms; ${l.burst} customers, ${l.inFlight} in flight: ${f(l.deliveredPerSecond, 1)} messages/s (${f(l.burstSeconds, 1)} s)`,
  );
}

if (wants('kraliki')) {
  const loadBefore = os.loadavg()[0];
  const k = await benchKraliki();
  console.log('\n## Kraliki through the local runtime');
  console.log(`1-minute load average: ${f(loadBefore)} before, ${f(os.loadavg()[0])} after (${os.availableParallelism()} cores)`);
  console.log(
    `twilio-voice answer (signature, number's org, IVR main menu, INBOUND call written, TwiML), ${k.answers} sequential: p50 ${f(k.answerP50Ms)} ms, p99 ${f(k.answerP99Ms)} ms`,
  );
  console.log(
    `twilio-status callbacks, ${k.callbacks} (3 per call), ${k.inFlight} in flight: ${f(k.callbacksPerSecond, 1)} callbacks/s answered; ${f(k.callbacksWithJobsPerSecond, 1)}/s with the call-work jobs they set off taken`,
  );
  console.log(`contacts CSV of ${k.importRows} rows through the import queue: ${f(k.importSeconds, 1)} s, ${f(k.importRowsPerSecond, 0)} rows/s`);
}

if (wants('penhas-points')) {
  const cold = await benchPenhasPoints();
  const warm = await benchPenhasPoints({ searches: 20, listCacheSeconds: 60 });
  console.log(`\n## PenhaS support-point search through the local gateway (${cold.points} points; geohash cells on gsi1)`);
  console.log('search                                                            p50 ms   p99 ms    rows   DynamoDB operations');
  for (const s of [...cold.searches, warm.searches[2]]) {
    console.log(`${s.label.padEnd(65)} ${f(s.p50Ms).padStart(6)}   ${f(s.p99Ms).padStart(6)}   ${String(s.rowsMedian).padStart(5)}   ${s.operations}`);
  }
}

if (wants('synth')) {
  console.log('\n## cdk synth --quiet: one esbuild pass, stacks, cdk-nag, template validation (cold: no bundle cache)');
  console.log(`${os.availableParallelism()} cores; CPU s is the whole process tree's, unaffected by other load`);
  console.log('manifests                  functions   cold wall s   cold CPU s   warm wall s   warm CPU s');
  for (const { label, functions, cold, warm } of benchSynth()) {
    const cells = [cold.wallSeconds, cold.cpuSeconds, warm.wallSeconds, warm.cpuSeconds].map((s, i) => f(s, 1).padStart(i % 2 ? 10 : 11));
    console.log(`${label.padEnd(26)} ${String(functions).padStart(9)}   ${cells.join('   ')}`);
  }
}
