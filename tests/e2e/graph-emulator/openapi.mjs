// Request-body checking against Microsoft's own OpenAPI description of Graph v1.0
// (../shared/graph-openapi/, PowerShell-style per-module files). Quirks handled as the folder's
// README says: allOf parts are merged, the `additionalProperties: {type: object}` that every schema
// carries is ignored (unknown names are errors, as Graph makes them), enums compare
// case-insensitively, nothing is `required` there (callers check required fields themselves).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');

/** Where the OpenAPI files are: $GRAPH_OPENAPI_DIR, else ../shared/graph-openapi beside the clone, else /work/shared. */
export function openApiDir() {
  const candidates = [
    process.env.GRAPH_OPENAPI_DIR,
    resolve(REPO_ROOT, '../shared/graph-openapi'),
    '/work/shared/graph-openapi',
  ].filter(Boolean);
  const found = candidates.find((d) => existsSync(resolve(d, 'Applications.yml')));
  if (!found) throw new Error(`Graph OpenAPI files not found; looked in: ${candidates.join(', ')} (set GRAPH_OPENAPI_DIR)`);
  return found;
}

/**
 * The operations whose request bodies we check, located exactly as OPERATIONS.md says.
 * key -> [file, YAML path key, method]
 */
export const BODY_OPERATIONS = {
  createApplication: ['Applications.yml', '/applications', 'post'],
  updateApplication: ['Applications.yml', '/applications/{application-id}', 'patch'],
  upsertApplication: ['Applications.yml', "/applications(uniqueName='{uniqueName}')", 'patch'],
  addPassword: ['Applications.yml', '/applications/{application-id}/microsoft.graph.addPassword', 'post'],
  removePassword: ['Applications.yml', '/applications/{application-id}/microsoft.graph.removePassword', 'post'],
  createServicePrincipal: ['Applications.yml', '/servicePrincipals', 'post'],
  upsertServicePrincipal: ['Applications.yml', "/servicePrincipals(appId='{appId}')", 'patch'],
  createAppRoleAssignedTo: ['Applications.yml', '/servicePrincipals/{servicePrincipal-id}/appRoleAssignedTo', 'post'],
  createOAuth2PermissionGrant: ['Identity.SignIns.yml', '/oauth2PermissionGrants', 'post'],
  updateOAuth2PermissionGrant: ['Identity.SignIns.yml', '/oauth2PermissionGrants/{oAuth2PermissionGrant-id}', 'patch'],
  sendMail: ['Users.Actions.yml', '/users/{user-id}/microsoft.graph.sendMail', 'post'],
};

/** Entity schemas used for $select checks (file, schema name). */
const ENTITY_SCHEMAS = {
  user: ['Applications.yml', 'microsoft.graph.user'],
  application: ['Applications.yml', 'microsoft.graph.application'],
  servicePrincipal: ['Applications.yml', 'microsoft.graph.servicePrincipal'],
  appRoleAssignment: ['Applications.yml', 'microsoft.graph.appRoleAssignment'],
  oAuth2PermissionGrant: ['Identity.SignIns.yml', 'microsoft.graph.oAuth2PermissionGrant'],
  authorizationPolicy: ['Identity.SignIns.yml', 'microsoft.graph.authorizationPolicy'],
};

let cache = null;

/** Loads (once per process) the files and returns { dir, bodies: {op: Checker}, entities: {name: Set<prop>} }. */
export function loadGraphOpenApi(dir = openApiDir()) {
  if (cache && cache.dir === dir) return cache;
  const docs = new Map();
  const doc = (file) => {
    if (!docs.has(file)) docs.set(file, load(readFileSync(resolve(dir, file), 'utf8')));
    return docs.get(file);
  };
  const bodies = {};
  for (const [op, [file, pathKey, method]] of Object.entries(BODY_OPERATIONS)) {
    const d = doc(file);
    const operation = d.paths?.[pathKey]?.[method];
    if (!operation) throw new Error(`${file}: no ${method.toUpperCase()} ${pathKey}`);
    let body = operation.requestBody;
    if (body?.$ref) body = refTarget(d, body.$ref);
    const schema = body?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${file}: ${method.toUpperCase()} ${pathKey} has no JSON request body`);
    bodies[op] = new Checker(d, schema);
  }
  const entities = {};
  for (const [name, [file, schemaName]] of Object.entries(ENTITY_SCHEMAS)) {
    const d = doc(file);
    const flat = new Checker(d, { $ref: `#/components/schemas/${schemaName}` }).flat();
    entities[name] = new Set(Object.keys(flat.properties ?? {}));
  }
  cache = { dir, bodies, entities };
  return cache;
}

function refTarget(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let node = doc;
  for (const part of ref.slice(2).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/**
 * One operation's body schema. `check(value)` returns null when the value is acceptable, else
 * { kind: 'unknown'|'type'|'enum'|'range', path: 'web.redirectUris[0]', property: 'redirectUris', type: 'application' }.
 */
export class Checker {
  constructor(doc, schema) {
    this.doc = doc;
    this.schema = schema;
    this.memo = new Map();
  }

  /** The root schema with allOf merged (properties of every part, recursively). */
  flat(schema = this.schema) {
    return this.#flatten(schema);
  }

  check(value) {
    return this.#check(this.schema, value, '', '', this.#title(this.schema));
  }

  #resolve(schema) {
    let s = schema;
    let viaRef = false;
    for (let i = 0; s && s.$ref && i < 32; i++) {
      s = refTarget(this.doc, s.$ref);
      viaRef = true;
    }
    return { s, viaRef };
  }

  #title(schema) {
    const { s } = this.#resolve(schema);
    if (s.title) return s.title;
    const last = s.allOf?.[s.allOf.length - 1];
    return last ? this.#title(last) : 'object';
  }

  #flatten(schema) {
    if (schema?.$ref && this.memo.has(schema.$ref)) return this.memo.get(schema.$ref);
    const { s } = this.#resolve(schema);
    let out;
    if (s.allOf) {
      out = { type: 'object', properties: {}, title: undefined, nullable: s.nullable };
      for (const part of s.allOf) {
        const f = this.#flatten(part);
        Object.assign(out.properties, f.properties ?? {});
        if (f.title) out.title = f.title;
        if (f.nullable) out.nullable = true;
      }
    } else {
      out = s;
    }
    if (schema?.$ref) this.memo.set(schema.$ref, out);
    return out;
  }

  #check(schema, value, path, property, typeName) {
    const { viaRef } = this.#resolve(schema);
    const s = this.#flatten(schema);
    if (value === null) {
      // Graph accepts null for nullable properties; a complex property reached through $ref is
      // nullable in the CSDL even where this export does not say so.
      return s.nullable || viaRef || (!s.type && !s.anyOf && !s.oneOf) ? null : { kind: 'type', path, property, type: typeName };
    }
    for (const key of ['anyOf', 'oneOf']) {
      if (s[key]) {
        let first = null;
        for (const branch of s[key]) {
          const err = this.#check(branch, value, path, property, typeName);
          if (!err) return null;
          first ??= err;
        }
        return first;
      }
    }
    const type = s.type ?? (s.properties ? 'object' : s.enum ? 'string' : undefined);
    switch (type) {
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return { kind: 'type', path, property, type: typeName };
        const title = s.title ?? typeName;
        for (const [k, v] of Object.entries(value)) {
          if (k.startsWith('@odata.') || k.includes('@odata.')) continue; // annotations, @odata.type, x@odata.bind
          const sub = s.properties?.[k];
          if (!sub) return { kind: 'unknown', path: join(path, k), property: k, type: title };
          const err = this.#check(sub, v, join(path, k), k, title);
          if (err) return err;
        }
        return null;
      }
      case 'array': {
        if (!Array.isArray(value)) return { kind: 'type', path, property, type: typeName };
        for (let i = 0; i < value.length; i++) {
          if (value[i] === null && !this.#flatten(s.items ?? {}).nullable) return { kind: 'type', path: `${path}[${i}]`, property, type: typeName };
          const err = this.#check(s.items ?? {}, value[i], `${path}[${i}]`, property, typeName);
          if (err) return err;
        }
        return null;
      }
      case 'string': {
        if (typeof value !== 'string') return { kind: 'type', path, property, type: typeName };
        if (s.enum) {
          const allowed = s.enum.map((e) => String(e).toLowerCase());
          const parts = s['x-ms-enum-flags']?.isFlags ? value.split(',').map((p) => p.trim()) : [value];
          if (!parts.every((p) => allowed.includes(p.toLowerCase()))) return { kind: 'enum', path, property, type: typeName, allowed: s.enum };
        }
        if (s.pattern && !new RegExp(s.pattern).test(value)) return { kind: 'type', path, property, type: typeName };
        return null;
      }
      case 'boolean':
        return typeof value === 'boolean' ? null : { kind: 'type', path, property, type: typeName };
      case 'integer':
      case 'number': {
        if (typeof value !== 'number' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) {
          return { kind: 'type', path, property, type: typeName };
        }
        if ((s.minimum !== undefined && value < s.minimum) || (s.maximum !== undefined && value > s.maximum)) {
          return { kind: 'range', path, property, type: typeName };
        }
        return null;
      }
      default:
        return null; // untyped: anything goes
    }
  }
}

function join(path, key) {
  return path ? `${path}.${key}` : key;
}
