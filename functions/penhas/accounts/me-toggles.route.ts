/** The three switches of her profile: anonymous mode, camouflage mode, "I was a victim of violence". */
import * as z from 'zod/mini';
import { noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { digitFlag } from './me-params.ts';
import { activeAccountFailures } from './me-responses.ts';

const toggle = <P extends string, H extends string>(path: P, handler: H, summary: string) =>
  penhasRoute({
    method: 'POST',
    path,
    auth: 'api-key',
    handler,
    summary,
    request: { body: z.object({ active: digitFlag() }), encodings: ['urlencoded'], mergeQuery: true },
    responses: { 204: noContent('Switched'), ...activeAccountFailures },
  });

export const modoAnonimoToggleRoute = toggle(
  '/me/modo-anonimo-toggle',
  'functions/penhas/accounts/me-modo-anonimo-toggle.ts',
  'Anonymous mode on (`active=1`) or off (`active=0`): her posts show no name or avatar',
);

export const modoCamufladoToggleRoute = toggle(
  '/me/modo-camuflado-toggle',
  'functions/penhas/accounts/me-modo-camuflado-toggle.ts',
  'Camouflage mode on (`active=1`) or off (`active=0`): the app disguises itself',
);

export const jaFoiVitimaToggleRoute = toggle(
  '/me/ja-foi-vitima-de-violencia-toggle',
  'functions/penhas/accounts/me-ja-foi-vitima-toggle.ts',
  'Whether she has been a victim of violence (`active=1`/`0`)',
);
