import { ChainedRecords } from '../elements/chain/chained-records.js';
import { define } from '../elements/internal/define.js';

define('chained-records', ChainedRecords);

declare global {
  interface HTMLElementTagNameMap {
    'chained-records': ChainedRecords;
  }
}
