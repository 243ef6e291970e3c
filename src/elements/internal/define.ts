import { say } from './say.js';

/**
 * Register a tag, safely: defining the same class twice is a no-op; another class already
 * holding the tag (two copies of the library on one page) gets a warning, not an exception.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  // An element made of others (the panel) brings its parts under their default names.
  const deps = (ctor as unknown as { dependencies?: Record<string, CustomElementConstructor> }).dependencies ?? {};
  for (const [depTag, dep] of Object.entries(deps)) define(depTag, dep);
  const existing = registry.get(tag);
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  say('warn', 'defined', tag, existing, ctor);
}
