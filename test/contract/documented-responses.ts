/**
 * Checks an observed response against the service's OpenAPI document: the
 * route it reached (method and path template), a status the route documents,
 * a documented media type, and a body matching that status's schema (no body
 * where none is documented). Test clients run every response they see through
 * it, so the document cannot drift from what the service does.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../shared/docs/openapi.ts';
import type { ServiceManifest } from '../../shared/manifest.ts';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

/** Statuses the API Gateway itself answers (payload limits, integration failures), never a route. */
const GATEWAY_STATUSES = new Set([413, 502, 503, 504]);

export class DocumentedResponses {
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor(private readonly manifest: ServiceManifest) {
    addFormats.default(this.ajv);
    const document = openApiDocument(manifest) as { paths: Record<string, Record<string, { responses: Operation['responses']; 'x-webhook'?: boolean }>> };
    for (const [template, methods] of Object.entries(document.paths)) {
      const segments = template.split('/');
      const pattern = new RegExp(`^${segments.map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment))).join('/')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        // A webhook answers as its provider expects (TwiML, a raw challenge): its own tests hold it to that.
        if (operation['x-webhook']) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern,
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          responses: operation.responses,
        });
      }
    }
  }

  /** What is wrong with the response, if anything; [] when it is as documented (or no route answered). */
  problems(method: string, path: string, status: number, contentType: string | null, text: string): string[] {
    const rawPath = path.split('?')[0];
    const routePath = this.manifest.http.caseInsensitivePaths ? rawPath.toLowerCase() : rawPath;
    const operation = this.operations
      .filter((candidate) => candidate.method === method.toUpperCase() && candidate.pattern.test(routePath))
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];
    if (!operation || GATEWAY_STATUSES.has(status)) return [];
    const name = `${method} ${operation.template}`;
    const documented = operation.responses[String(status)];
    if (!documented) return [`${name} answered ${status}, which its contract does not document (${Object.keys(operation.responses).join(', ')})`];
    if (method.toUpperCase() === 'HEAD') return [];
    if (!documented.content) return text === '' ? [] : [`${name} ${status} documents no body but answered ${JSON.stringify(text.slice(0, 200))}`];
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const entry = documented.content[mediaType];
    if (!entry) return [`${name} ${status} answered ${mediaType || 'no content type'}; documented: ${Object.keys(documented.content).join(', ')}`];
    let body: unknown = text;
    if (/json$/.test(mediaType)) {
      try {
        body = JSON.parse(text);
      } catch {
        return [`${name} ${status} answered ${mediaType} that is not JSON`];
      }
    }
    const validate = this.validatorOf(entry.schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${name} ${status}: ${error.instancePath || '(body)'} ${error.message}`);
  }

  /** Throws naming every problem: a test that sees an undocumented response fails. */
  check(method: string, path: string, status: number, contentType: string | null, text: string): void {
    const problems = this.problems(method, path, status, contentType, text);
    if (problems.length) throw new Error(`response differs from the ${this.manifest.name} OpenAPI document:\n  ${problems.join('\n  ')}`);
  }

  private validatorOf(schema: object): ValidateFunction {
    const validate = this.compiled.get(schema) ?? this.ajv.compile(schema);
    this.compiled.set(schema, validate);
    return validate;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
