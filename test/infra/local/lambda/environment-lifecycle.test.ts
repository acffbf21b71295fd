import { describe, expect, it, vi } from 'vitest';
import gatewayEcho from '../../../fixtures/gateway-echo-service/service.ts';
import { sharedRuntime } from '../../../support/runtime.ts';

const runtime = sharedRuntime({ services: [gatewayEcho], environmentIdleSeconds: 1 });
const warm = async () => (await (await fetch(`${runtime.url}/gateway-echo-service/warm`)).json()) as { count: number };

describe('execution environments left idle', () => {
  it('are retired, as Lambda reclaims idle ones, and the next invocation starts a fresh one', async () => {
    const fn = runtime.functionName('gateway-echo-service', 'handlers-warm');
    expect((await warm()).count).toBe(1);
    expect(runtime.host.environmentCount()).toBe(1);

    await vi.waitFor(() => expect(runtime.host.environmentCount()).toBe(0), { timeout: 15_000, interval: 100 });
    const coldStarts = runtime.host.coldStarts.get(fn)!;
    expect((await warm()).count).toBe(1);
    expect(runtime.host.coldStarts.get(fn)).toBe(coldStarts + 1);
  });
});
