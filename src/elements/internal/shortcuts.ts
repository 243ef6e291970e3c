/**
 * Keyboard shortcuts for the main actions, installed by whoever owns the session (the provider,
 * or a panel with its own session). Keys are matched by physical key (`KeyA`), so they work with
 * any layout and with a Japanese IME on. Configure with the owner's `shortcuts` attribute:
 * `shortcuts="accept=Alt+Shift+A; reject=Alt+Shift+R"`, or switch them off with `no-shortcuts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Intent } from '../../domain/intents.js';
import type { DeskSession } from '../../session/session.js';

export type ShortcutAction = 'accept' | 'reject' | 'connect' | 'hold' | 'disconnect' | 'done' | 'done-and-stop';
export type Shortcuts = Readonly<Record<ShortcutAction, string>>;

export const DEFAULT_SHORTCUTS: Shortcuts = {
  accept: 'Alt+Shift+A',
  reject: 'Alt+Shift+R',
  connect: 'Alt+Shift+C',
  hold: 'Alt+Shift+H',
  disconnect: 'Alt+Shift+D',
  done: 'Alt+Shift+M',
  /** Issue 16: Mark Done, then Not Ready. */
  'done-and-stop': 'Alt+Shift+S',
};

const configured = new WeakMap<DeskSession, Shortcuts | null>();

const told = new Set<string>();

/**
 * Parse `accept=Alt+Shift+A; done=Control+Enter`. A part that names no known action, or a key
 * without Alt, Control or Meta (it would fire while the agent types), keeps that action's default
 * and is reported once on the console.
 */
export function parseShortcuts(spec: string | null | undefined): Shortcuts {
  const out: Record<string, string> = { ...DEFAULT_SHORTCUTS };
  const ignored: string[] = [];
  for (const part of (spec ?? '').split(/[;,]/)) {
    if (!part.trim()) continue;
    const [k, v] = part.split('=').map((x) => x.trim());
    const c = v ? combo(v) : null;
    if (k && k in DEFAULT_SHORTCUTS && c && (c.alt || c.ctrl || c.meta)) out[k] = v!;
    else ignored.push(part.trim());
  }
  if (ignored.length && !told.has(spec!)) {
    told.add(spec!);
    console.error(
      `push-preview-elements: shortcuts ${ignored.map((p) => `"${p}"`).join(', ')} ignored (action=keys, the action one of ${Object.keys(DEFAULT_SHORTCUTS).join(', ')}, the keys with Alt, Control or Meta); their defaults stand.`,
    );
  }
  return out as Shortcuts;
}

interface Combo {
  alt: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
  code: string;
}

function combo(spec: string): Combo {
  const parts = spec.split('+').map((p) => p.trim().toLowerCase());
  const key = parts[parts.length - 1] ?? '';
  const code = /^[a-z]$/.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key.charAt(0).toUpperCase() + key.slice(1);
  return {
    alt: parts.includes('alt'),
    shift: parts.includes('shift'),
    ctrl: parts.includes('control') || parts.includes('ctrl'),
    meta: parts.includes('meta'),
    code,
  };
}

function matches(e: KeyboardEvent, c: Combo): boolean {
  return e.code === c.code && e.altKey === c.alt && e.shiftKey === c.shift && e.ctrlKey === c.ctrl && e.metaKey === c.meta;
}

/** The intent a shortcut stands for in the session's current state, if the machine offers it. */
function intentFor(session: DeskSession, action: ShortcutAction): Intent | null {
  const allowed = session.state.allowed;
  // Hold stands for Retrieve while held; done for Mark Done
  const type = action === 'done' ? 'mark-done' : action === 'hold' && !allowed.has('hold') ? 'retrieve' : action;
  return allowed.has(type) ? { type } : null;
}

export class ShortcutController implements ReactiveController {
  private session: DeskSession | undefined;
  private readonly onKey = (e: KeyboardEvent) => this.handle(e);
  private listening = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: () => { enabled: boolean; shortcuts: Shortcuts },
  ) {
    host.addController(this);
  }

  use(session: DeskSession | undefined): void {
    if (this.session && this.session !== session) configured.delete(this.session);
    this.session = session;
    if (session) configured.set(session, this.config().enabled ? this.config().shortcuts : null);
  }

  hostConnected(): void {
    if (!this.listening) {
      globalThis.addEventListener?.('keydown', this.onKey as EventListener);
      this.listening = true;
    }
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('keydown', this.onKey as EventListener);
    this.listening = false;
  }

  private handle(e: KeyboardEvent): void {
    const session = this.session;
    const cfg = this.config();
    if (!session || !cfg.enabled || e.defaultPrevented || e.repeat) return;
    for (const [action, spec] of Object.entries(cfg.shortcuts) as [ShortcutAction, string][]) {
      if (!matches(e, combo(spec))) continue;
      const intent = intentFor(session, action);
      if (!intent) return;
      e.preventDefault();
      void session.dispatch(intent);
      return;
    }
  }
}

/** The shortcut of an action as `aria-keyshortcuts` takes it, for an element's session. */
export function shortcutLabel(el: { store: { session: DeskSession | undefined } } | object, action: ShortcutAction): string | undefined {
  const session = (el as { store?: { session?: DeskSession } }).store?.session;
  const cfg = session ? configured.get(session) : undefined;
  return cfg ? cfg[action] : undefined;
}
