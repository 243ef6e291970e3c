/** Registers every tag of the library under its default name. */
import './push-preview-session.js';
import './push-preview-agent.js';
