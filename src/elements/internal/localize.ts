/**
 * Follows the language of an element: its own `lang`, else the closest ancestor's (across
 * shadow roots), else the document's; re-renders when any of them changes or a locale loads.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleLoaded, resolveLang, translation, type Translation } from '../../i18n/index.js';
import { hydrating, noteServerRendered } from './hydration.js';

const hosts = new Set<LocalizeController>();
let observer: MutationObserver | null = null;

function watch(c: LocalizeController): void {
  hosts.add(c);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => {
      for (const h of hosts) h.refresh();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}
function unwatch(c: LocalizeController): void {
  hosts.delete(c);
  if (hosts.size === 0 && observer) {
    observer.disconnect();
    observer = null;
  }
}

function closestLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}

export class LocalizeController implements ReactiveController {
  private followed = 'en';

  /** The language shown: the element's or its ancestors', except in a hydrating first update (English, as the server rendered it). */
  get lang(): string {
    return hydrating(this.host) ? 'en' : this.followed;
  }
  private off: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    noteServerRendered(host);
    host.addController(this);
  }

  get t(): Translation {
    return translation(this.lang);
  }

  hostConnected(): void {
    watch(this);
    this.off = onLocaleLoaded(() => this.host.requestUpdate());
    this.refresh();
  }

  hostDisconnected(): void {
    unwatch(this);
    this.off?.();
    this.off = null;
  }

  refresh(): void {
    const lang = resolveLang(closestLang(this.host));
    if (lang !== this.followed) {
      this.followed = lang;
      this.host.requestUpdate();
    }
  }

  /** A BCP 47 tag for Intl formatting in the agent's locale. */
  get locale(): string {
    return this.lang === 'ja' ? 'ja-JP' : 'en-US';
  }

  dateTime(epochMs: number, timeZone?: string): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(epochMs);
  }

  time(epochMs: number, timeZone?: string): string {
    return new Intl.DateTimeFormat(this.locale, { timeStyle: 'short', timeZone }).format(epochMs);
  }
}
