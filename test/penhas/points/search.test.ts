/**
 * The support-point routes as the app and the web map call them, after the
 * original's 050-ponto-apoio.t: three points around Avenida Paulista in São
 * Paulo (trianon, kazu, ana rosa) searched from Vila Mariana and from the
 * Consolação, by position, by the user's CEP and by a location token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';
import { idBlock, point, writeCategory, writePoint, writeProject } from './point-fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const base = idBlock();
const cat1 = base + 1;
const cat2 = base + 2;
const cat3 = base + 3;
const cat4 = base + 4;
const projectId = base + 5;
const soloProjectId = base + 6;
const projeto = `testing is boring ${base}`;
const soloProjeto = `only trianon ${base}`;
const ids = { trianon: base + 11, kazu: base + 12, anaRosa: base + 13, paraiso: base + 14, associacao: base + 15 };
const vilaMariana = { latitude: '-23.589893', longitude: '-46.633462' };
const allCategories = [cat1, cat2, cat3].join(',');

const search = (query: Record<string, string | number | undefined>, apiKey?: string) =>
  h.app.get('/pontos-de-apoio', { query: { projeto, ...query }, apiKey, ip: freshIp() });
const searchAsUser = (account: SeededAccount, query: Record<string, string | number | undefined>) =>
  h.app.get('/me/pontos-de-apoio', { query: { projeto, ...query }, apiKey: account.session });
const names = (reply: { body: { rows: { nome: string }[] } }) => reply.body.rows.map((row) => row.nome);

let account: SeededAccount;

beforeAll(async () => {
  // The account's CEP is the start of the Consolação for the geocoder, as in the original test's cache.
  runtime.fakes.geocoding.add({ addresses: ['12345-678 brasil'], lat: -23.555995, lng: -46.662665, label: 'Cerqueira César, São Paulo, SP, Brasil' });
  await Promise.all([
    writeCategory(h.table, cat1, 'cat1', '#FFFFFF'),
    writeCategory(h.table, cat2, 'cat2', '#FF00FF'),
    writeCategory(h.table, cat3, 'cat3', null),
    writeCategory(h.table, cat4, 'cat4', null),
    writeProject(h.table, projectId, projeto),
    writeProject(h.table, soloProjectId, soloProjeto),
  ]);
  await Promise.all([
    writePoint(
      h.table,
      point(ids.trianon, { nome: 'trianon', categoria: cat1, latitude: -23.560311, longitude: -46.658802, projetos: [projectId, soloProjectId] }),
      'cat1',
    ),
    writePoint(
      h.table,
      point(ids.kazu, {
        nome: 'kazu',
        categoria: cat2,
        latitude: -23.571867,
        longitude: -46.645901,
        dias_funcionamento: 'dias_uteis_fds_plantao',
        projetos: [projectId],
      }),
      'cat2',
    ),
    writePoint(
      h.table,
      point(ids.anaRosa, {
        nome: 'ana rosa',
        categoria: cat2,
        latitude: -23.581986,
        longitude: -46.638586,
        eh_24h: 1,
        dias_funcionamento: 'dias_uteis',
        projetos: [projectId],
      }),
      'cat2',
      { avaliacao_soma: 41.64, qtde_avaliacao: 10 },
    ),
    writePoint(
      h.table,
      point(ids.paraiso, {
        nome: 'paraiso',
        categoria: cat4,
        latitude: -23.5747,
        longitude: -46.6766,
        dias_funcionamento: 'todos_os_dias',
        projetos: [projectId],
      }),
      'cat4',
    ),
    writePoint(
      h.table,
      point(ids.associacao, {
        nome: 'Associação Maria Antônia',
        categoria: cat4,
        latitude: -23.5446,
        longitude: -46.6518,
        bairro: 'Consolação',
        dias_funcionamento: 'seg_a_sab',
        status: 'active',
        projetos: [projectId],
      }),
      'cat4',
    ),
  ]);
  account = await h.seedAccount({ cep: '12345678' });
});

describe('GET /pontos-de-apoio-dados-auxiliares', () => {
  it('lists the projects, categories, weekdays and the suggestion fields', async () => {
    const reply = await h.app.get('/pontos-de-apoio-dados-auxiliares', { ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.body.categorias[0].label).toEqual(expect.any(String));
    expect(reply.body.projetos.map((p: { label: string }) => p.label)).toContain('Penhas');
    expect(reply.body.fields[0]).toMatchObject({ code: 'endereco_ou_cep', max_length: 255, required: 0 });
    expect(reply.body.fields.find((f: { code: string }) => f.code === 'categoria').options.length).toBeGreaterThan(0);
  });

  it('lists no projects when the app names its own (projeto=Penhas)', async () => {
    const reply = await h.app.get('/pontos-de-apoio-dados-auxiliares', { query: { projeto: 'Penhas' }, ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.body.projetos).toEqual([]);
  });
});

describe('GET /pontos-de-apoio (public)', () => {
  it('lists the nearest first, with whole-km distances, category and rating', async () => {
    const reply = await search({ ...vilaMariana, categorias: allCategories });
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(['ana rosa', 'kazu', 'trianon']);
    expect(reply.body.rows.map((r: { distancia: string }) => r.distancia)).toEqual(['1', '2', '4']);
    expect(reply.body.rows[0]).toMatchObject({
      latitude: -23.581986,
      longitude: -46.638586,
      avaliacao: '4,2',
      categoria: { id: cat2, cor: '#FF00FF', nome: 'cat2' },
    });
    expect(reply.body.rows[0]).not.toHaveProperty('cliente_avaliacao');
    expect(reply.body.rows[1].avaliacao).toBe('n/a');
    expect(reply.body).toMatchObject({ has_more: 0, next_page: null, avaliacao_maxima: '5', latitude: vilaMariana.latitude, longitude: vilaMariana.longitude });
  });

  it('keeps to max_distance (its boundary is max_distance + 1 km)', async () => {
    const reply = await search({ ...vilaMariana, max_distance: 1 });
    expect(names(reply)).toEqual(['ana rosa']);
  });

  it('filters by category, 24 h and weekdays', async () => {
    expect(names(await search({ ...vilaMariana, categorias: cat3 }))).toEqual([]);
    expect(names(await search({ ...vilaMariana, categorias: cat1 }))).toEqual(['trianon']);
    expect(names(await search({ ...vilaMariana, eh_24h: 1 }))).toEqual(['ana rosa']);
    expect(names(await search({ ...vilaMariana, eh_24h: 0, categorias: allCategories }))).toEqual(['kazu', 'trianon']);
    expect(names(await search({ ...vilaMariana, dias_funcionamento: 'fds' }))).toEqual(['trianon']);
    expect(names(await search({ ...vilaMariana, dias_funcionamento: 'dias_uteis_fds_plantao' }))).toEqual(['kazu']);
  });

  it('filters by project', async () => {
    expect(names(await search({ ...vilaMariana, projeto: soloProjeto }))).toEqual(['trianon']);
  });

  it('pages with next_page', async () => {
    const first = await search({ ...vilaMariana, rows: 3 });
    expect(names(first)).toEqual(['ana rosa', 'kazu', 'trianon']);
    expect(first.body.has_more).toBe(1);
    const second = await search({ ...vilaMariana, rows: 3, next_page: first.body.next_page });
    expect(second.status).toBe(200);
    expect(second.body.has_more).toBe(0);
    expect(second.body.next_page).toBeNull();
    expect(names(second).sort()).toEqual(['Associação Maria Antônia', 'paraiso']);
  });

  it('matches keywords without regard to accents or case', async () => {
    expect(names(await search({ ...vilaMariana, keywords: 'kazu' }))).toEqual(['kazu']);
    expect(names(await search({ ...vilaMariana, keywords: 'associacao antonia' }))).toEqual(['Associação Maria Antônia']);
    expect(names(await search({ ...vilaMariana, keywords: 'ASSOCIAÇÃO' }))).toEqual(['Associação Maria Antônia']);
    expect(names(await search({ ...vilaMariana, keywords: 'consolacao' }))).toEqual(['Associação Maria Antônia']);
    expect(names(await search({ ...vilaMariana, keywords: 'cat2' }))).toEqual(['ana rosa', 'kazu']);
  });

  it('lists every point in id order with full_list, as the app asks', async () => {
    const reply = await search({ ...vilaMariana, full_list: 1 });
    expect(reply.body.rows.map((r: { id: number }) => r.id)).toEqual(Object.values(ids));
    expect(reply.body.rows.every((r: { distancia?: string }) => typeof r.distancia === 'string')).toBe(true);
  });

  it('exports every matching point as CSV with as_csv, in id order', async () => {
    const reply = await h.app.get('/pontos-de-apoio', { query: { projeto, as_csv: 1, categorias: allCategories }, ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/csv/);
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="lista-pontos-apoios-\d{2}-\d{2}-\d{4}\.csv"$/);
    const lines = reply.text.trim().split('\n');
    expect(lines[0]).toMatch(/^Nome,Sigla,Natureza,Categoria,/);
    expect(lines.slice(1).map((line) => line.split(',')[0].replace(/"/g, ''))).toEqual(['trianon', 'kazu', 'ana rosa']);
    expect(lines[3]).toContain(',Sim,');
    expect(lines[1].endsWith(`,${ids.trianon}`)).toBe(true);
  });

  it('needs a position from anonymous callers, even with a session token', async () => {
    const reply = await search({ keywords: 'ana rosa' }, account.session);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'latitude', reason: 'is_required' });
  });
});

describe('GET /geocode and /me/geocode', () => {
  it('answer a location token and the label of the place', async () => {
    const reply = await h.app.get('/geocode', { query: { address: 'R. Teste' }, ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.body.label).toBe('Cerqueira César, São Paulo, SP, Brasil');
    const mine = await h.app.get('/me/geocode', { query: { address: 'R. Teste' }, apiKey: account.session });
    expect(mine.status).toBe(200);
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iss: string; latlng: string };
    expect(claims(mine.body.location_token)).toMatchObject({ iss: 'LT', latlng: claims(reply.body.location_token).latlng });
  });

  it('answer location_not_found for an unknown address', async () => {
    const reply = await h.app.get('/geocode', { query: { address: 'R. Foo' }, ip: freshIp() });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'location_not_found', message: 'Localização não encontrada!', field: 'address' });
    expect(reply.body).not.toHaveProperty('location_token');
  });

  it('allows 200 public geocodings an hour from one address', async () => {
    // The limit counts per clock hour: a run that crosses into the next hour is run again.
    for (let attempt = 1; ; attempt++) {
      const ip = freshIp();
      const hour = Math.floor(Date.now() / 3_600_000);
      const statuses: number[] = [];
      for (let i = 0; i < 201; i++) statuses.push((await h.app.get('/geocode', { query: { address: 'R. Teste' }, ip })).status);
      if (Math.floor(Date.now() / 3_600_000) !== hour && attempt < 3) continue;
      expect(statuses.slice(0, 200).every((s) => s === 200)).toBe(true);
      const refused = await h.app.get('/geocode', { query: { address: 'R. Teste' }, ip });
      expect([statuses[200], refused.status, refused.body.error]).toEqual([429, 429, 'too_many_requests']);
      return;
    }
  }, 180_000);

  it('search from the token’s place', async () => {
    const token = (await h.app.get('/geocode', { query: { address: 'R. Teste' }, ip: freshIp() })).body.location_token;
    const reply = await search({ location_token: token, categorias: allCategories });
    expect(names(reply)).toEqual(['trianon', 'kazu', 'ana rosa']);
    expect(reply.body.rows.map((r: { distancia: string }) => r.distancia)).toEqual(['0', '2', '3']);
  });
});

describe('GET /me/pontos-de-apoio', () => {
  it('starts at her CEP when she sends no position', async () => {
    const reply = await searchAsUser(account, { categorias: allCategories });
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(['trianon', 'kazu', 'ana rosa']);
    expect(reply.body.rows.map((r: { distancia: string }) => r.distancia)).toEqual(['0', '2', '3']);
    expect(reply.body.rows[0].cliente_avaliacao).toBeNull();
  });
});

describe('POST /me/avaliar-pontos-de-apoio and the details', () => {
  it('rates 0–5, shows her rating, and removes it', async () => {
    const rate = (form: Record<string, string | number>) => h.app.post('/me/avaliar-pontos-de-apoio', { query: form, apiKey: account.session });
    expect((await rate({ ponto_apoio_id: ids.kazu, rating: 4 })).status).toBe(204);
    const tooHigh = await rate({ ponto_apoio_id: ids.kazu, rating: 6 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.field).toBe('rating');
    const unknown = await rate({ ponto_apoio_id: ids.kazu * 555_000, rating: 5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('ponto_apoio_id');

    const listed = await searchAsUser(account, { ...vilaMariana, keywords: 'kazu' });
    expect(listed.body.rows).toHaveLength(1);
    expect(listed.body.rows[0]).toMatchObject({ id: ids.kazu, cliente_avaliacao: 4, avaliacao: '4,0' });

    const mine = await h.app.get(`/me/pontos-de-apoio/${ids.kazu}`, { apiKey: account.session });
    expect(mine.status).toBe(200);
    expect(mine.body.cliente_avaliacao).toBe(4);
    expect(mine.body.ponto_apoio.content_html).toContain('Endereço');

    expect((await rate({ ponto_apoio_id: ids.kazu, rating: 0 })).status).toBe(204);
    const zero = await h.app.get(`/pontos-de-apoio/${ids.kazu}`, { ip: freshIp() });
    expect(zero.body.ponto_apoio.avaliacao).toBe('0,0');

    expect((await rate({ ponto_apoio_id: ids.kazu, remove: 1 })).status).toBe(204);
    const removed = await h.app.get(`/pontos-de-apoio/${ids.kazu}`, { ip: freshIp() });
    expect(removed.body.ponto_apoio.avaliacao).toBe('n/a');
  });

  it('shows a point publicly without her rating, with words for natureza and weekdays', async () => {
    const reply = await h.app.get(`/pontos-de-apoio/${ids.anaRosa}`, { ip: freshIp() });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toHaveProperty('cliente_avaliacao');
    expect(reply.body.avaliacao_maxima).toBe('5');
    expect(reply.body.ponto_apoio).toMatchObject({ cep: '00000000', natureza: 'Público', dias_funcionamento: 'Dias úteis', numero: null, avaliacao: '4,2' });
    expect(reply.body.ponto_apoio).not.toHaveProperty('content_html');
  });
});

describe('bad input', () => {
  it('answers 4xx in the PenhaS format', async () => {
    expect((await search({ latitude: 'abc', longitude: '-46.6' })).body).toMatchObject({ error: 'form_error', field: 'latitude', reason: 'invalid' });
    expect((await search({ latitude: '-23', longitude: '-46.6' })).body).toMatchObject({ error: 'form_error', field: 'latitude' });
    expect((await search({ ...vilaMariana, max_distance: 6000 })).body).toMatchObject({ error: 'form_error', field: 'max_distance' });
    expect((await search({ ...vilaMariana, categorias: 'a,b' })).body).toMatchObject({ error: 'form_error', field: 'categorias', reason: 'invalid' });
    expect((await search({ ...vilaMariana, rows: 'many' })).body).toMatchObject({ error: 'form_error', field: 'rows', reason: 'invalid' });
    const badPage = await search({ ...vilaMariana, next_page: 'not-a-token' });
    expect(badPage.status).toBe(400);
    expect(badPage.body).toMatchObject({ error: 'form_error', message: 'next_page' });
    const badToken = await search({ location_token: 'not-a-token' });
    expect(badToken.status).toBe(400);
    expect(badToken.body).toMatchObject({ error: 'form_error', message: 'location_token' });
    const unknownProject = await search({ ...vilaMariana, projeto: 'no such project' });
    expect(unknownProject.body).toMatchObject({ error: 'form_error', field: 'projeto' });
    const badId = await h.app.get('/pontos-de-apoio/abc', { ip: freshIp() });
    expect(badId.status).toBe(400);
    const unknownId = await h.app.get('/pontos-de-apoio/999999999', { ip: freshIp() });
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.error).toBe('item_not_found');
  });

  it('allows 30 public searches a minute from one address', async () => {
    // The limit counts per clock minute: a run that crosses into the next minute is run again.
    for (let attempt = 1; ; attempt++) {
      const ip = freshIp();
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await h.app.get('/pontos-de-apoio', { query: { ...vilaMariana, projeto, max_distance: 1 }, ip })).status);
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 3) continue;
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      expect(statuses[30]).toBe(429);
      return;
    }
  });
});

describe('suggestions', () => {
  it('closes the short form, asking for an app update', async () => {
    const reply = await h.app.post('/me/sugerir-pontos-de-apoio', {
      query: { endereco_ou_cep: 'rua cupa, 255', nome: 'foo', categoria: 1, descricao_servico: 'aaa' },
      apiKey: account.session,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'endereco_ou_cep', message: 'Por favor, atualize o aplicativo para enviar sugestões de ponto de apoio' });
    // Closed, the form is not read: a request without its fields gets the same notice.
    const bare = await h.app.post('/me/sugerir-pontos-de-apoio', { apiKey: account.session });
    expect([bare.status, bare.body.error]).toEqual([400, 'endereco_ou_cep']);
  });

  it('takes the complete form as the app sends it (is24h, hasWhatsapp)', async () => {
    const fields = {
      nome: 'Nome',
      categoria: '1',
      nome_logradouro: 'Nome Logradouro',
      observacao: '',
      cep: '01310-100',
      abrangencia: 'Local',
      complemento: '',
      bairro: '',
      municipio: 'São Paulo',
      uf: 'SP',
      email: 'contato@example.com',
      numero: '10',
      horario: '8h às 18h',
      ddd1: '11',
      telefone1: '0911223344',
      ddd2: '',
      telefone2: '',
      is24h: 'Sim',
      hasWhatsapp: 'Não',
    };
    const body = Object.entries(fields)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    const reply = await h.app.post('/me/sugerir-pontos-de-apoio-completo', { rawBody: body, apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ success: 1, title: 'Sugestão recebida', message: 'Sua sugestão será avaliada antes de ser publicada.' });
    const stored = (await h.table.partition(`USER#${account.id}`)).find((item) => item.id === reply.body.id && String(item.sk).startsWith('PA_SUGGESTION#'));
    expect(stored).toMatchObject({ nome: 'Nome', cliente_id: account.id, categoria: '1', telefone1: 911223344, cep: '01310100', eh_24h: 1, has_whatsapp: 0 });
    expect(stored).not.toHaveProperty('ddd2');
  });

  it('refuses an unknown category', async () => {
    const reply = await h.app.post('/me/sugerir-pontos-de-apoio-completo', {
      query: { nome: 'n', categoria: '999999', nome_logradouro: 'r', abrangencia: 'Local', numero: '1', municipio: 'm', uf: 'SP' },
      apiKey: account.session,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'categoria' });
  });
});
