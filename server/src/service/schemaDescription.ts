/**
 * Key descriptions for hovers, from the schema service (engine/schemaService.ts walks the schema):
 * the schema's `markdownDescription` is our own Markdown; a plain `description` is escaped.
 */
import { runbookSchemaService, SchemaService, type JsonSchema, type PathSegment } from '../engine/schemaService';

export interface KeyDescription {
  readonly title?: string;
  /** Markdown: the schema's `markdownDescription` (our own text), else its escaped `description`. */
  readonly markdown: string;
}

/** Schema text is ours, but plain `description` is not Markdown: keep its line breaks, escape the rest. */
function escapeDescription(text: string): string {
  return text.split(/\r?\n/).map((line) => line.replace(/[\\`*_{}[\]<>#|!~&]/g, (c) => `\\${c}`)).join('  \n');
}

export function describeKeyWith(schemas: SchemaService, path: readonly PathSegment[]): KeyDescription | undefined {
  const doc = schemas.keyDocumentation(path);
  if (!doc) return undefined;
  if (doc.markdownDescription !== undefined) return { title: doc.title, markdown: doc.markdownDescription };
  return doc.description !== undefined ? { title: doc.title, markdown: escapeDescription(doc.description) } : undefined;
}

/** A key of an arbitrary schema (tests), or of the bundled runbook schema. */
export function describeKeyIn(root: unknown, path: readonly PathSegment[]): KeyDescription | undefined {
  return typeof root === 'object' && root !== null && !Array.isArray(root) ? describeKeyWith(new SchemaService(root as JsonSchema), path) : undefined;
}

export function describeKey(path: readonly PathSegment[]): KeyDescription | undefined {
  return describeKeyWith(runbookSchemaService(), path);
}
