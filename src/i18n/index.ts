/**
 * Locales. English is built in; Japanese loads on first use. Register more with
 * {@link registerLocale}; a locale object must fill every key of {@link Translation}.
 */
import { en, type Translation } from './en.js';

export type { Translation } from './en.js';
export { en } from './en.js';

const locales = new Map<string, Translation>([['en', en]]);
const loaders = new Map<string, () => Promise<Translation>>([['ja', () => import('./ja.js').then((m) => m.ja)]]);
const loading = new Map<string, Promise<Translation>>();
const listeners = new Set<() => void>();

export function registerLocale(lang: string, translation: Translation): void {
  locales.set(lang.toLowerCase(), translation);
  for (const l of listeners) l();
}

/** Called whenever a locale arrives, so views can re-render. */
export function onLocaleLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The primary subtag of a BCP 47 tag we have words for: `ja-JP` → `ja`; else `en`. */
export function resolveLang(lang: string | null | undefined): string {
  const tag = (lang ?? '').toLowerCase();
  if (locales.has(tag) || loaders.has(tag)) return tag;
  const primary = tag.split('-')[0] ?? '';
  return locales.has(primary) || loaders.has(primary) ? primary : 'en';
}

/** The translation for `lang`, if loaded; starts loading it otherwise and answers English meanwhile. */
export function translation(lang: string): Translation {
  const key = resolveLang(lang);
  const t = locales.get(key);
  if (t) return t;
  void loadLocale(key);
  return en;
}

export function loadLocale(lang: string): Promise<Translation> {
  const key = resolveLang(lang);
  const have = locales.get(key);
  if (have) return Promise.resolve(have);
  let p = loading.get(key);
  if (!p) {
    p = loaders.get(key)!().then((t) => {
      registerLocale(key, t);
      return t;
    });
    loading.set(key, p);
  }
  return p;
}
