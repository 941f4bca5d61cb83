/**
 * Values built once each, by key: `get` returns the kept value or builds and keeps it. A leaf
 * module (no imports), so the model (ModelLookups) and the document memo (its per-analysis tables)
 * can both build on it without an import cycle at load time.
 */
export class BuiltOnce {
  private readonly values = new Map<string, unknown>();

  get<T>(key: string, build: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = build();
    this.values.set(key, value);
    return value;
  }
}
