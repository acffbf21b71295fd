/**
 * Outlines of the municipalities the sample points are in, simplified to a
 * dozen vertices each (good to a few hundred metres, enough to tell the
 * municipality of a search for the regional-coverage rule). A deployment
 * loads the IBGE municipal mesh the same way for the whole country.
 */
import type { Municipality } from '../../points/municipalities.ts';

export const MUNICIPALITIES: readonly Municipality[] = [
  {
    cod_ibge: 3550308,
    nome: 'São Paulo',
    uf: 'SP',
    outline: [
      [-46.75, -23.57],
      [-46.75, -23.49],
      [-46.79, -23.45],
      [-46.72, -23.36],
      [-46.6, -23.38],
      [-46.58, -23.46],
      [-46.52, -23.5],
      [-46.41, -23.52],
      [-46.365, -23.6],
      [-46.45, -23.7],
      [-46.6, -23.8],
      [-46.63, -24.0],
      [-46.76, -23.95],
      [-46.78, -23.7],
      [-46.73, -23.63],
    ],
  },
  {
    cod_ibge: 3518800,
    nome: 'Guarulhos',
    uf: 'SP',
    outline: [
      [-46.58, -23.46],
      [-46.6, -23.38],
      [-46.55, -23.3],
      [-46.4, -23.28],
      [-46.33, -23.38],
      [-46.4, -23.45],
      [-46.52, -23.5],
    ],
  },
  {
    cod_ibge: 3534401,
    nome: 'Osasco',
    uf: 'SP',
    outline: [
      [-46.75, -23.57],
      [-46.83, -23.57],
      [-46.84, -23.5],
      [-46.79, -23.45],
      [-46.75, -23.49],
    ],
  },
  {
    cod_ibge: 3304557,
    nome: 'Rio de Janeiro',
    uf: 'RJ',
    outline: [
      [-43.8, -22.9],
      [-43.7, -22.83],
      [-43.5, -22.8],
      [-43.33, -22.77],
      [-43.18, -22.8],
      [-43.15, -22.88],
      [-43.17, -22.99],
      [-43.3, -23.02],
      [-43.5, -23.08],
      [-43.7, -23.06],
      [-43.8, -23.0],
    ],
  },
  {
    cod_ibge: 3106200,
    nome: 'Belo Horizonte',
    uf: 'MG',
    outline: [
      [-44.06, -19.95],
      [-44.02, -19.82],
      [-43.95, -19.78],
      [-43.88, -19.8],
      [-43.86, -19.9],
      [-43.9, -20.0],
      [-43.98, -20.06],
      [-44.04, -20.02],
    ],
  },
  {
    cod_ibge: 5300108,
    nome: 'Brasília',
    uf: 'DF',
    outline: [
      [-48.28, -15.5],
      [-47.3, -15.5],
      [-47.3, -16.05],
      [-48.28, -16.05],
    ],
  },
  {
    cod_ibge: 2611606,
    nome: 'Recife',
    uf: 'PE',
    outline: [
      [-35.02, -7.95],
      [-34.87, -7.93],
      [-34.86, -8.03],
      [-34.89, -8.16],
      [-34.96, -8.15],
      [-35.02, -8.07],
    ],
  },
  {
    cod_ibge: 2927408,
    nome: 'Salvador',
    uf: 'BA',
    outline: [
      [-38.53, -12.86],
      [-38.32, -12.87],
      [-38.3, -12.95],
      [-38.47, -13.02],
      [-38.54, -12.98],
    ],
  },
  {
    cod_ibge: 4314902,
    nome: 'Porto Alegre',
    uf: 'RS',
    outline: [
      [-51.27, -29.96],
      [-51.1, -29.96],
      [-51.08, -30.1],
      [-51.12, -30.26],
      [-51.2, -30.25],
      [-51.26, -30.1],
    ],
  },
];
