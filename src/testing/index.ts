/**
 * push-preview-elements/testing — for a CRM developer's own tests of an integration: a test desk
 * on the simulated outbound server that the test drives (any phase, a preview pushed, commands
 * held, answered or refused, the log of what was sent), and waits for the elements to show it.
 * Not part of the main entry: an app that does not import it pays nothing for it.
 */
export { createTestDesk, type TestContact, type TestDesk, type TestDeskOptions } from './desk.js';
export { TestConnector, TestServer, type Answer } from './connector.js';
export { waitFor, waitForPhase, type WaitOptions } from './wait.js';
