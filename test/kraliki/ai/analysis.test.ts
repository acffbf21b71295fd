/**
 * Call analysis through the runtime and the OpenAI stand-in: a transcript
 * arriving at the twilio-transcription webhook, and a call completing, queue
 * the analysis on call-ai; its consumer asks the model (the real openai SDK)
 * once per set of transcripts, and the summary, sentiment and suggestions show
 * on the supervisor summary, the call detail and agent assist. No webhook is
 * given the model's key, and a failing model never fails a webhook.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { addresses } from '../../../infra/local/addresses.ts';
import { functionsOf } from '../../../shared/manifest.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { type Org, kralikiHarness } from '../app-client.ts';
import { storedCall } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
const AI_QUEUE = addresses.queueName('kraliki', 'call-ai');
const CALL_WORK = addresses.queueName('kraliki', 'call-work');

let sequence = 0;
const transcriptionSid = () => `TR${Date.now().toString(16)}${(++sequence).toString(16).padStart(8, '0')}`.padEnd(34, '0');

/** Twilio's transcription callback for the call, signed as Twilio signs it. */
async function postTranscript(callSid: string, text: string, sid = transcriptionSid()): Promise<{ status: number; ms: number }> {
  const url = `${runtime.url}/kraliki/webhooks/twilio-transcription`;
  const request = runtime.fakes.twilio.signedRequest(url, {
    CallSid: callSid,
    TranscriptionSid: sid,
    TranscriptionStatus: 'completed',
    TranscriptionText: text,
    RecordingSid: `RE${'0'.repeat(32)}`,
  });
  const started = Date.now();
  const reply = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  await reply.text();
  return { status: reply.status, ms: Date.now() - started };
}

/** The requests the OpenAI stand-in received whose messages carry `marker`. */
async function modelRequestsWith(marker: string): Promise<any[]> {
  const { requests } = (await (await fetch(`${runtime.url}/_local/openai/requests`)).json()) as { requests: any[] };
  return requests.filter((request) => JSON.stringify(request.messages).includes(marker));
}

const summaryOf = async (org: Org, callId: string) => (await h.app.get(`/api/supervisor/calls/${callId}/summary`, { token: org.admin.token })).body;

describe('analysis of a call’s transcripts', () => {
  it('stores a summary, sentiment and suggestions once the transcript arrives and the call completes, asking the model once', { timeout: 90_000 }, async () => {
    const org = await h.registerOrg();
    const call = await storedCall(h, org);
    const marker = `order ${Date.now()}-${Math.random().toString(36).slice(2)}`;
    expect((await postTranscript(call.sid, `Hello, I want a refund for my ${marker}`)).status).toBe(200);
    expect(await runtime.fakes.twilio.postStatus(call.sid, 'completed')).toBe(200);

    const summary = await eventually(async () => {
      const seen = await summaryOf(org, call.id);
      return seen.summary !== null && seen;
    });
    expect(summary).toMatchObject({ call_id: call.id, status: 'COMPLETED', sentiment: 'positive', total_exchanges: 1 });
    expect(summary.summary).toEqual(expect.any(String));
    expect(summary.suggestions.length).toBeGreaterThan(0);
    expect(summary.analyzed_at).toEqual(expect.any(String));
    expect(summary.keywords).toContainEqual({ word: 'refund', count: 1 });

    const detail = (await h.app.get(`/api/calls/${call.id}`, { token: org.admin.token })).body;
    expect(detail.ai).toEqual({ summary: summary.summary, sentiment: 'positive', suggestions: summary.suggestions, analyzed_at: summary.analyzed_at });

    // The model was asked through the SDK with a forced tool, the transcript in the prompt.
    await runtime.queues.drained(CALL_WORK, 20_000);
    await runtime.queues.drained(AI_QUEUE, 20_000);
    const asked = await modelRequestsWith(marker);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ model: 'local-model', tool_choice: { type: 'function', function: { name: 'record_call_analysis' } } });

    // A replayed transcription callback, a replayed final callback and a redelivered job ask it nothing more.
    runtime.queues.send(AI_QUEUE, JSON.stringify({ organization_id: org.id, call_id: call.id }));
    expect(await runtime.fakes.twilio.postStatus(call.sid, 'completed')).toBe(200);
    await eventually(() => runtime.queues.stats(AI_QUEUE).visible === 0);
    await runtime.queues.drained(CALL_WORK, 20_000);
    await runtime.queues.drained(AI_QUEUE, 20_000);
    expect(await modelRequestsWith(marker)).toHaveLength(1);
  });

  it('analyses again when a new transcript arrives', { timeout: 90_000 }, async () => {
    const org = await h.registerOrg();
    const call = await storedCall(h, org);
    const marker = `ticket ${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await postTranscript(call.sid, `My ${marker} is about a payment`);
    const first = await eventually(async () => (await summaryOf(org, call.id)).analyzed_at);
    await postTranscript(call.sid, 'And the price went up');
    await eventually(async () => (await summaryOf(org, call.id)).analyzed_at !== first);
    await runtime.queues.drained(AI_QUEUE, 20_000);
    const asked = await modelRequestsWith(marker);
    expect(asked).toHaveLength(2);
    expect(JSON.stringify(asked[1].messages)).toContain('And the price went up');
  });

  it('leaves a call without transcripts unanalysed', { timeout: 90_000 }, async () => {
    const org = await h.registerOrg();
    const call = await storedCall(h, org);
    expect(await runtime.fakes.twilio.postStatus(call.sid, 'completed')).toBe(200);
    await eventually(async () => (await summaryOf(org, call.id)).status === 'COMPLETED');
    await runtime.queues.drained(CALL_WORK, 20_000);
    await runtime.queues.drained(AI_QUEUE, 20_000);
    expect(await summaryOf(org, call.id)).toMatchObject({ summary: null, sentiment: null, suggestions: [], analyzed_at: null });
  });
});

describe('the model is never asked in a webhook', () => {
  it('gives no webhook the model’s key: only the call-ai consumer reads it', () => {
    const readers = functionsOf(kraliki)
      .filter((fn) => fn.spec.access?.secrets?.includes('openai'))
      .map((fn) => fn.id);
    expect(readers).toEqual(['ai-process-ai-job']);
  });

  it('answers the transcription callback 200 and stores the transcript when the model fails', { timeout: 90_000 }, async () => {
    const org = await h.registerOrg();
    const call = await storedCall(h, org);
    const marker = `[fail] ${Date.now()}`;
    const reply = await postTranscript(call.sid, `Please call me back ${marker}`);
    expect(reply.status).toBe(200);
    // The queued job meets the failing model, not the webhook.
    await eventually(async () => (await modelRequestsWith(marker)).length >= 1, { what: 'the queued analysis reaching the model' });
    const summary = await summaryOf(org, call.id);
    expect(summary.transcripts).toEqual([expect.objectContaining({ content: `Please call me back ${marker}` })]);
    expect(summary.summary).toBeNull();
  });
});

describe('POST /api/agent-assist/suggestions', () => {
  it('answers the call’s suggestions to its agent, empty until analysed; another agent’s call is 404', { timeout: 90_000 }, async () => {
    const org = await h.registerOrg();
    const [{ user: agent }, { user: other }] = await Promise.all([h.addAgent(org), h.addAgent(org)]);
    const call = await storedCall(h, org, { agentId: agent.id });
    const before = await h.app.post('/api/agent-assist/suggestions', { token: agent.token, json: { call_id: call.id, transcript: 'hi' } });
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ success: true, call_id: call.id, suggestions: [], sentiment: null, summary: null, analyzed_at: null });

    await postTranscript(call.sid, 'I cannot log in to my account');
    const after = await eventually(async () => {
      const reply = await h.app.post('/api/agent-assist/suggestions', { token: agent.token, json: { call_id: call.id } });
      return reply.body.suggestions.length > 0 && reply;
    });
    expect(after.body).toMatchObject({ success: true, call_id: call.id, sentiment: 'positive' });

    const stranger = await h.app.post('/api/agent-assist/suggestions', { token: other.token, json: { call_id: call.id } });
    expect(stranger.status).toBe(404);
    const missing = await h.app.post('/api/agent-assist/suggestions', { token: agent.token, json: {} });
    expect(missing.status).toBe(422);
  });
});
