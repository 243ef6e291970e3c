import { createContext } from '@lit/context';
import type { DeskSession } from '../session/session.js';

/** Carries the session store (never a snapshot) from a provider to the elements below it. */
export const sessionContext = createContext<DeskSession | undefined>(Symbol('push-preview-session'));
