import { describe, expect, it } from 'vitest';
import penhas from '../../functions/penhas/service.ts';

describe('the penhas manifest', () => {
  it('lets every authenticated route write to the table: its authenticator counts each request (120 a minute per user)', () => {
    const readOnly = penhas.http.routes
      .filter((route) => route.auth === 'api-key' && (route.access?.table ?? 'readwrite') !== 'readwrite')
      .map((route) => `${route.method} ${route.path}`);
    expect(readOnly).toEqual([]);
  });
});
