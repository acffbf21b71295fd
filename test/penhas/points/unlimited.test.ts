/** GET /ponto-apoio-unlimited: the partner chatbot's search, for the holder of PONTO_APOIO_SECRET only. */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const SECRET = 'chatbot-secret-for-tests';
const runtime = sharedRuntime({ services: [penhas], environment: { PONTO_APOIO_SECRET: SECRET } });
const h = penhasHarness(runtime);

const paulista = { latitude: '-23.5614', longitude: '-46.6559' };
const unlimited = (query: Record<string, string | number>) => h.app.get('/ponto-apoio-unlimited', { query, ip: freshIp() });

describe('GET /ponto-apoio-unlimited', () => {
  it('refuses any other token', async () => {
    const reply = await unlimited({ token: 'guess', ...paulista, max_distance: 10, rows: 10 });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'token_invalid', field: 'token' });
  });

  it('needs the position, distance and rows', async () => {
    const reply = await unlimited({ token: SECRET, ...paulista, max_distance: 10 });
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'rows', reason: 'is_required' });
  });

  it('answers the nearest points with every column, nothing internal', async () => {
    const reply = await unlimited({ token: SECRET, ...paulista, max_distance: 10, rows: 5 });
    expect(reply.status).toBe(200);
    expect(reply.body.rows).toHaveLength(5);
    const local = reply.body.rows.find((row: { abrangencia: string }) => row.abrangencia === 'Local');
    expect(local).toMatchObject({ municipio: 'São Paulo', nome_logradouro: expect.any(String), distancia: expect.stringMatching(/^\d+$/) });
    for (const row of reply.body.rows) {
      for (const internal of ['pk', 'sk', 'gsi1pk', 'avaliacao_soma', 'projetos']) expect(row).not.toHaveProperty(internal);
    }
  });
});
