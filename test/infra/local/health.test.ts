import { describe, expect, it } from 'vitest';
import { services } from '../../../functions/services.ts';
import { sharedRuntime } from '../../support/runtime.ts';

const runtime = sharedRuntime({ services });

describe('GET /<service>/health', () => {
  it.each(services.map((s) => s.name))('answers 200 for %s', async (name) => {
    const response = await fetch(`${runtime.url}/${name}/health`);
    expect(response.status).toBe(200);
  });

  it('answers liftlog with plain `healthy`, also to HEAD', async () => {
    const get = await fetch(`${runtime.url}/liftlog/health`);
    expect(await get.text()).toBe('healthy');
    const head = await fetch(`${runtime.url}/liftlog/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});
