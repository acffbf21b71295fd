import { json } from '#shared/http/responses';

export const handler = async () => json({ status: 'ok', service: 'pytake' });
