/**
 * The CDN entry (dist/cdn/push-preview-elements.min.js) for <script type="module">: every tag
 * registered, nothing exported. A page's script imports the API from dist/cdn/api.min.js
 * (src/cdn-api.ts) and the simulated connector and server and the server-message readers from
 * dist/cdn/connectors.min.js (src/cdn-connectors.ts); both share this file's chunks, so that
 * this file and what it imports statically stay small. The Japanese strings, the phone-number
 * metadata, the default simulated connector and <call-timers> (src/cdn-define.ts) load on demand,
 * as chunks beside this file.
 * test/node/cdn.test.mjs checks that the entries together export what src/index.ts does.
 */
import './cdn-define.js';
