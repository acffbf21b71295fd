/**
 * A number's message templates, kept in the table: created here (optionally
 * submitted to Meta for review), or synced from the business account's templates
 * on the Graph API. Content fields (header, body, footer, buttons) are read from
 * Meta's components, as the original stored them.
 */
import { randomUUID } from 'node:crypto';
import { AppError, conflict } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { type ItemKey, orgPartition, templateKey, templatePrefix } from '../keys.ts';
import { createMessageTemplate, GraphApiError, type GraphTemplate, listMessageTemplates } from './graph-api.ts';
import { credentialsOf, type NumberRecord } from './numbers.ts';
import type { CreateTemplateInput, TemplateView } from './template-schema.ts';

export interface TemplateRecord extends ItemKey, TemplateView {
  components: Record<string, unknown>[];
}

type Component = { type?: string; format?: string; text?: string; buttons?: Record<string, unknown>[] };

const variablesIn = (text: string | undefined): number => new Set(text?.match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;

/** The content columns of a template, read from its components. */
function contentOf(components: Component[]) {
  const part = (type: string) => components.find((component) => String(component.type).toUpperCase() === type);
  const header = part('HEADER');
  const body = part('BODY');
  return {
    header_type: header?.format ?? null,
    header_text: header?.text ?? null,
    header_variables_count: variablesIn(header?.text),
    body_text: body?.text ?? '',
    body_variables_count: variablesIn(body?.text),
    footer_text: part('FOOTER')?.text ?? null,
    buttons: part('BUTTONS')?.buttons ?? [],
  };
}

export const templateView = ({ pk: _pk, sk: _sk, components: _components, ...view }: TemplateRecord): TemplateView => view;

/** Graph's failures in the API's terms: the caller learns what Meta said, never a token. */
async function withGraph<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphApiError) throw new AppError('conflict', 'meta_api_error', `Meta API error: ${error.title}`);
    throw error;
  }
}

export async function listTemplates(number: NumberRecord, filter: { status?: string; skip: number; limit: number }): Promise<TemplateRecord[]> {
  const all: TemplateRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<TemplateRecord>({
      ...keyQuery({ pk: orgPartition(number.organization_id), sk: { beginsWith: templatePrefix(number.id) } }),
      ExclusiveStartKey: lastKey,
    });
    all.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  return all
    .filter((template) => !filter.status || template.status === filter.status)
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .slice(filter.skip, filter.skip + filter.limit);
}

export async function createTemplate(number: NumberRecord, input: CreateTemplateInput, submit: boolean): Promise<TemplateRecord> {
  const existing = await listTemplates(number, { skip: 0, limit: Number.MAX_SAFE_INTEGER });
  if (existing.some((template) => template.name === input.name && template.language === input.language)) {
    throw conflict('template_already_exists', `Template '${input.name}' (${input.language}) already exists`);
  }
  const now = new Date().toISOString();
  const submitted = submit
    ? await withGraph(async () => createMessageTemplate(number.whatsapp_business_account_id, (await credentialsOf(number)).accessToken, input))
    : undefined;
  const id = randomUUID();
  const record: TemplateRecord = {
    ...templateKey(number.organization_id, number.id, id),
    id,
    organization_id: number.organization_id,
    whatsapp_number_id: number.id,
    meta_template_id: submitted?.id ?? null,
    name: input.name,
    language: input.language,
    category: submitted?.category ?? input.category,
    status: submitted?.status ?? 'DRAFT',
    rejected_reason: null,
    ...contentOf(input.components),
    components: input.components,
    sent_count: 0,
    delivered_count: 0,
    read_count: 0,
    failed_count: 0,
    is_system_template: false,
    is_enabled: true,
    created_at: now,
    updated_at: now,
    approved_at: null,
    rejected_at: null,
  };
  await table.put({ ...record }, { condition: 'attribute_not_exists(pk)' });
  return record;
}

/** Makes the number's stored templates what Meta has: new ones created, changed ones updated, ones Meta no longer has deleted. */
export async function syncTemplates(number: NumberRecord) {
  const remote = await withGraph(async () => listMessageTemplates(number.whatsapp_business_account_id, (await credentialsOf(number)).accessToken));
  const local = await listTemplates(number, { skip: 0, limit: Number.MAX_SAFE_INTEGER });
  const now = new Date().toISOString();
  const stats = { created: 0, updated: 0, deleted: 0, errors: [] as string[] };
  const seen = new Set<string>();
  for (const template of remote) {
    if (!template?.id || !template.name) {
      stats.errors.push('a template without id or name was skipped');
      continue;
    }
    const match =
      local.find((t) => t.meta_template_id === template.id) ??
      local.find((t) => !t.meta_template_id && t.name === template.name && t.language === template.language);
    if (match) seen.add(match.id);
    const record = remoteRecord(number, template, match, now);
    if (match && sameContent(match, record)) continue;
    await table.put({ ...record });
    if (match) stats.updated++;
    else stats.created++;
  }
  for (const template of local) {
    if (template.meta_template_id && !seen.has(template.id)) {
      await table.delete({ pk: template.pk, sk: template.sk });
      stats.deleted++;
    }
  }
  return { synced: stats.created + stats.updated, ...stats };
}

function remoteRecord(number: NumberRecord, template: GraphTemplate, match: TemplateRecord | undefined, now: string): TemplateRecord {
  const id = match?.id ?? randomUUID();
  const components = Array.isArray(template.components) ? template.components : [];
  const status = String(template.status ?? 'PENDING').toUpperCase();
  return {
    ...templateKey(number.organization_id, number.id, id),
    id,
    organization_id: number.organization_id,
    whatsapp_number_id: number.id,
    meta_template_id: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    status,
    rejected_reason: template.rejected_reason && template.rejected_reason !== 'NONE' ? template.rejected_reason : null,
    ...contentOf(components as Component[]),
    components,
    sent_count: match?.sent_count ?? 0,
    delivered_count: match?.delivered_count ?? 0,
    read_count: match?.read_count ?? 0,
    failed_count: match?.failed_count ?? 0,
    is_system_template: false,
    is_enabled: match?.is_enabled ?? true,
    created_at: match?.created_at ?? now,
    updated_at: now,
    approved_at: status === 'APPROVED' ? (match?.approved_at ?? now) : null,
    rejected_at: status === 'REJECTED' ? (match?.rejected_at ?? now) : null,
  };
}

/** Whether Meta changed anything the template shows (components compared as Meta sent them). */
const sameContent = (a: TemplateRecord, b: TemplateRecord): boolean =>
  (['name', 'language', 'category', 'status', 'rejected_reason'] as const).every((field) => a[field] === b[field]) &&
  JSON.stringify(a.components) === JSON.stringify(b.components);
