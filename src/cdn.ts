/** The self-contained file for <script type="module">: every tag registered, every class exported. */
import './define/all.js';
export * from './index.js';
