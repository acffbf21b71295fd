/**
 * One search across municipal boundaries, and the original's coverage rules:
 * local points by distance whatever their city, regional points only for the
 * municipality searched from (all of them when it is unknown), national
 * points always; a logged-in search from a place in no known municipality
 * starts at her CEP.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../functions/penhas/points/geohash.ts';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';
import { idBlock, point, writeCategory, writePoint, writeProject } from './point-fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const base = idBlock();
const categoria = base + 1;
const projectId = base + 2;
const projeto = `coverage ${base}`;
const SAO_PAULO = 3550308;
const GUARULHOS = 3518800;

const locals = [
  { nome: 'Vila Maria (São Paulo)', latitude: -23.512, longitude: -46.579 },
  { nome: 'Centro (Guarulhos)', latitude: -23.4653, longitude: -46.5297 },
  { nome: 'Tucuruvi (São Paulo)', latitude: -23.4805, longitude: -46.603 },
  { nome: 'Bonsucesso (Guarulhos)', latitude: -23.41, longitude: -46.4 },
  { nome: 'Centro (Osasco)', latitude: -23.5335, longitude: -46.7773 },
];
/** Vila Maria, on the São Paulo side of the border with Guarulhos. */
const fromSaoPaulo = { latitude: '-23.5', longitude: '-46.57' };
const fromGuarulhos = { latitude: '-23.46', longitude: '-46.5' };
/** Mato Grosso: in no municipality the sample outlines know. */
const nowhere = { latitude: '-10.5', longitude: '-55.5' };

const search = (query: Record<string, string | number>) => h.app.get('/pontos-de-apoio', { query: { projeto, ...query }, ip: freshIp() });
const rows = (reply: { body: { rows: { nome: string; distancia?: string; abrangencia: string }[] } }) => reply.body.rows;

beforeAll(async () => {
  await Promise.all([writeCategory(h.table, categoria, 'coverage', '#123456'), writeProject(h.table, projectId, projeto)]);
  await Promise.all([
    ...locals.map((local, index) => writePoint(h.table, point(base + 10 + index, { ...local, categoria, projetos: [projectId] }), 'coverage')),
    writePoint(
      h.table,
      point(base + 20, {
        nome: 'Regional de Guarulhos',
        categoria,
        latitude: -23.45,
        longitude: -46.53,
        abrangencia: 'Regional',
        cod_ibge: GUARULHOS,
        projetos: [projectId],
      }),
      'coverage',
    ),
    writePoint(
      h.table,
      point(base + 21, {
        nome: 'Regional de São Paulo',
        categoria,
        latitude: -23.7,
        longitude: -46.7,
        abrangencia: 'Regional',
        cod_ibge: SAO_PAULO,
        projetos: [projectId],
      }),
      'coverage',
    ),
    writePoint(
      h.table,
      point(base + 22, { nome: 'Nacional', categoria, latitude: -15.79, longitude: -47.89, abrangencia: 'Nacional', projetos: [projectId] }),
      'coverage',
    ),
  ]);
});

describe('a search across city boundaries', () => {
  it('finds the local points of neighbouring cities in one search, nearest first', async () => {
    const reply = await search({ ...fromSaoPaulo, max_distance: 30 });
    expect(reply.status).toBe(200);
    const byDistance = [...locals]
      .map((local) => ({ nome: local.nome, km: distanceKm(-23.5, -46.57, local.latitude, local.longitude) }))
      .sort((a, b) => a.km - b.km);
    const listed = rows(reply).filter((row) => row.abrangencia === 'Local');
    expect(listed.map((row) => row.nome)).toEqual(byDistance.map((local) => local.nome));
    expect(listed.map((row) => row.distancia)).toEqual(byDistance.map((local) => String(Math.trunc(local.km))));
    expect(new Set(listed.map((row) => row.nome.replace(/.*\((.*)\)/, '$1')))).toEqual(new Set(['São Paulo', 'Guarulhos', 'Osasco']));
  });

  it('leaves out local points beyond max_distance, wherever they are', async () => {
    const names = rows(await search({ ...fromSaoPaulo, max_distance: 4 }))
      .filter((row) => row.abrangencia === 'Local')
      .map((row) => row.nome);
    // Within 4 km (the bound is 5 km less a metre): Guarulhos' centre, 5.6 km away, is not.
    expect(names).toEqual(['Vila Maria (São Paulo)', 'Tucuruvi (São Paulo)']);
  });
});

describe('coverage rules', () => {
  it('lists national points first, at distance 0', async () => {
    const first = rows(await search({ ...fromSaoPaulo, max_distance: 1 }))[0];
    expect(first).toMatchObject({ nome: 'Nacional', abrangencia: 'Nacional', distancia: '0' });
  });

  it('lists the regional points of the municipality searched from only, whatever their distance', async () => {
    const fromSp = rows(await search({ ...fromSaoPaulo, max_distance: 1 }));
    expect(fromSp.filter((row) => row.abrangencia === 'Regional').map((row) => row.nome)).toEqual(['Regional de São Paulo']);
    expect(fromSp.find((row) => row.abrangencia === 'Regional')?.distancia).toMatch(/^Regional - \d+$/);
    const fromGru = rows(await search({ ...fromGuarulhos, max_distance: 1 }));
    expect(fromGru.filter((row) => row.abrangencia === 'Regional').map((row) => row.nome)).toEqual(['Regional de Guarulhos']);
  });

  it('lists every regional point when the municipality is unknown', async () => {
    const listed = rows(await search({ ...nowhere }));
    expect(listed.map((row) => row.nome).sort()).toEqual(['Nacional', 'Regional de Guarulhos', 'Regional de São Paulo']);
  });

  it('starts a logged-in search from a place in no known municipality at her CEP', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.get('/me/pontos-de-apoio', { query: { projeto, ...nowhere }, apiKey: account.session });
    expect(reply.status).toBe(200);
    // Her CEP, 01310-100, is on Avenida Paulista: São Paulo's regional point and the nearer local ones.
    expect(reply.body.latitude).toBe('-23.561414');
    expect(rows(reply).map((row) => row.nome)).toContain('Regional de São Paulo');
    expect(rows(reply).map((row) => row.nome)).not.toContain('Regional de Guarulhos');
  });
});
