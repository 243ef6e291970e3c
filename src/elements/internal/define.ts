/**
 * Register a tag, safely: defining the same class twice is a no-op; another class already
 * holding the tag (two copies of the library on one page) gets a warning, not an exception.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag);
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  console.warn(
    `push-preview-elements: <${tag}> is already defined by another copy (${(existing as { version?: string }).version ?? 'unknown version'}); ` +
      `this one (${(ctor as unknown as { version?: string }).version ?? 'unknown version'}) was not registered.`,
  );
}
